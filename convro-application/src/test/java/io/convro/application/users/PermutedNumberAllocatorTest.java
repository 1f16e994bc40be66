package io.convro.application.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.ConvroNumber;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PermutedNumberAllocatorTest {
    /** A counter and key in memory: the allocator's whole persistent state. */
    private static final class CountingSequence implements NumberSequence {
        private final AtomicLong next = new AtomicLong();
        private final byte[] key;

        CountingSequence(byte seed) {
            key = new byte[32];
            java.util.Arrays.fill(key, seed);
        }

        @Override
        public long takeNext() {
            return next.getAndIncrement();
        }

        @Override
        public byte[] permutationKey() {
            return key.clone();
        }
    }

    @Test
    void aSmallSpaceIsAllocatedCompletelyBeforeAllocationFails() {
        PermutedNumberAllocator allocator = new PermutedNumberAllocator(new CountingSequence((byte) 7), 1000);
        Set<ConvroNumber> numbers = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            numbers.add(allocator.allocate());
        }
        assertThat(numbers).hasSize(1000);
        assertThat(numbers).allSatisfy(number -> assertThat(number.value()).matches("^\\+99000[0-9]{3}$"));
        assertThatThrownBy(allocator::allocate)
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_TO_ALLOCATE_CONVRO_NUMBER));
    }

    @Test
    void theFullMillionNumberSpaceIsOnePermutation() {
        ConvroNumberPermutation permutation = new ConvroNumberPermutation(ConvroNumber.SPACE_SIZE, new byte[16]);
        BitSet seen = new BitSet(ConvroNumber.SPACE_SIZE);
        for (int i = 0; i < ConvroNumber.SPACE_SIZE; i++) {
            int image = permutation.apply(i);
            assertThat(seen.get(image)).as("image of %d already taken", i).isFalse();
            seen.set(image);
        }
        assertThat(seen.cardinality()).isEqualTo(ConvroNumber.SPACE_SIZE);
    }

    @Test
    void registrationOrderDoesNotRevealTheNextNumber() {
        PermutedNumberAllocator allocator = new PermutedNumberAllocator(new CountingSequence((byte) 1));
        List<Integer> steps = new ArrayList<>();
        int previous = Integer.parseInt(allocator.allocate().value().substring(3));
        for (int i = 0; i < 50; i++) {
            int current = Integer.parseInt(allocator.allocate().value().substring(3));
            steps.add(current - previous);
            previous = current;
        }
        assertThat(new HashSet<>(steps)).as("consecutive numbers must not follow a fixed stride").hasSizeGreaterThan(40);
    }

    @Test
    void anotherKeyGivesAnotherOrder() {
        PermutedNumberAllocator first = new PermutedNumberAllocator(new CountingSequence((byte) 1));
        PermutedNumberAllocator second = new PermutedNumberAllocator(new CountingSequence((byte) 2));
        List<ConvroNumber> a = new ArrayList<>();
        List<ConvroNumber> b = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            a.add(first.allocate());
            b.add(second.allocate());
        }
        assertThat(a).isNotEqualTo(b);
    }
}
