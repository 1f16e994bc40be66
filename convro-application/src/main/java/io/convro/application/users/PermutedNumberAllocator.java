package io.convro.application.users;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.ConvroNumber;

/**
 * Allocates convro numbers by passing a persistent counter through a secret {@link ConvroNumberPermutation}:
 * unique by construction (a bijection), unguessable from registration order, O(1), and it fails only once
 * the counter has walked the whole space.
 */
public final class PermutedNumberAllocator implements NumberAllocator {
    private final NumberSequence sequence;
    private final int spaceSize;
    private volatile ConvroNumberPermutation permutation;

    /** Allocate from the full space of 1,000,000 numbers. */
    public PermutedNumberAllocator(NumberSequence sequence) {
        this(sequence, ConvroNumber.SPACE_SIZE);
    }

    /** Allocate from the first {@code spaceSize} numbers only (for tests that exhaust a small space). */
    public PermutedNumberAllocator(NumberSequence sequence, int spaceSize) {
        if (spaceSize < 2 || spaceSize > ConvroNumber.SPACE_SIZE) {
            throw new IllegalArgumentException("spaceSize must be 2..1000000");
        }
        this.sequence = sequence;
        this.spaceSize = spaceSize;
    }

    @Override
    public ConvroNumber allocate() {
        long next = sequence.takeNext();
        if (next < 0 || next >= spaceSize) {
            throw new DomainException(ErrorCode.FAILED_TO_ALLOCATE_CONVRO_NUMBER, "every convro number is taken");
        }
        return ConvroNumber.ofIndex(permutation().apply((int) next));
    }

    private ConvroNumberPermutation permutation() {
        ConvroNumberPermutation current = permutation;
        if (current == null) {
            current = new ConvroNumberPermutation(spaceSize, sequence.permutationKey());
            permutation = current;
        }
        return current;
    }
}
