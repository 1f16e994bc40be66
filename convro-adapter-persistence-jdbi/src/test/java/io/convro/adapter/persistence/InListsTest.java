package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InListsTest {
    @Test
    void aListIsPaddedWithItsLastValueToTheNextOfAFewLengths() {
        assertThat(InLists.padded(List.of(7L))).containsExactly(7L);
        assertThat(InLists.padded(List.of(1L, 2L, 3L))).containsExactly(1L, 2L, 3L, 3L);
        List<Long> page = LongStream.rangeClosed(1, 201).boxed().toList();
        assertThat(InLists.padded(page)).hasSize(256).startsWith(page.toArray(Long[]::new)).endsWith(201L, 201L);
        assertThat(InLists.padded(LongStream.rangeClosed(1, 600).boxed().toList())).as("beyond the largest: as it is")
                .hasSize(600);
        assertThatThrownBy(() -> InLists.padded(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyListUpToTheLargestLengthTakesOneOfTenStatementTexts() {
        Set<Integer> lengths = IntStream.rangeClosed(1, 512).map(InLists::lengthFor).boxed().collect(Collectors.toSet());
        assertThat(lengths).hasSize(10);
    }
}
