package io.convro.adapter.persistence.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchSizesTest {

    @Test
    void takesTheLargestSizeTheWaitingMessagesFill() {
        assertThat(BatchSizes.take(1)).isEqualTo(1);
        assertThat(BatchSizes.take(5)).isEqualTo(4);
        assertThat(BatchSizes.take(6)).isEqualTo(6);
        assertThat(BatchSizes.take(47)).isEqualTo(32);
        assertThat(BatchSizes.take(64)).isEqualTo(64);
        assertThat(BatchSizes.take(10_000)).isEqualTo(BatchSizes.MAX);
    }

    @Test
    void anyBacklogIsWrittenInAFewStatementsOfAFewDistinctSizes() {
        Set<Integer> seen = new HashSet<>();
        for (int waiting = 1; waiting <= 1_000; waiting++) {
            int left = waiting;
            int statements = 0;
            while (left > 0) {
                int size = BatchSizes.take(left);
                assertThat(size).isBetween(1, left);
                seen.add(size);
                left -= size;
                statements++;
            }
            // a full statement each time, and a remainder never costs more than a few more
            assertThat(statements).isLessThanOrEqualTo(waiting / BatchSizes.MAX + 5);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(Arrays.stream(BatchSizes.SIZES).boxed().toList());
    }

    @Test
    void nothingWaitingIsAMistake() {
        assertThatThrownBy(() -> BatchSizes.take(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
