package io.convro.adapter.inmemory.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.adapter.inmemory.InMemoryStores;
import org.junit.jupiter.api.Test;

class InMemoryNumberSequenceTest {
    private final InMemoryStores stores = new InMemoryStores();
    private final InMemoryNumberSequence sequence = stores.numberSequence();

    @Test
    void countsFromZero() {
        assertThat(sequence.takeNext()).isZero();
        assertThat(sequence.takeNext()).isEqualTo(1);
        assertThat(sequence.takeNext()).isEqualTo(2);
    }

    @Test
    void aRolledBackTransactionGivesItsValueBack() {
        sequence.takeNext();

        assertThatThrownBy(() -> stores.transactions().run(() -> {
            assertThat(sequence.takeNext()).isEqualTo(1);
            throw new IllegalStateException("registration failed");
        })).hasMessage("registration failed");

        assertThat(sequence.takeNext()).isEqualTo(1);
    }

    @Test
    void thePermutationKeyIs32BytesStableAndNotShared() {
        byte[] key = sequence.permutationKey();
        key[0] ^= 1;

        assertThat(sequence.permutationKey()).hasSize(32).isNotEqualTo(key);
        assertThat(sequence.permutationKey()).isEqualTo(sequence.permutationKey());
        assertThat(new InMemoryStores().numberSequence().permutationKey()).isNotEqualTo(sequence.permutationKey());
    }
}
