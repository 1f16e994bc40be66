package io.convro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.crypto.Argon2idPasswordHasher;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {
    private static final long MIB = 1L << 20;
    /** Argon2id at the OWASP minimum as Bouncy Castle lays it out (20.2 MiB). */
    private static final long PER_HASH = Argon2idPasswordHasher.owaspMinimum().heapBytesPerHash();

    @Test
    void theDefaultHeapOnTwoCoresRunsOneHashAtATime() {
        // -Xmx256m -Xmn64m with an 8 MiB survivor space: the JVM reports 248 MiB
        assertThat(PasswordHashing.defaultConcurrency(248 * MIB, 2, PER_HASH)).isEqualTo(1);
    }

    @Test
    void neverMoreThanTheCoresNorMoreThanTheHeapHasRoomFor() {
        assertThat(PasswordHashing.defaultConcurrency(8192 * MIB, 4, PER_HASH)).as("half the cores bound it").isEqualTo(2);
        assertThat(PasswordHashing.defaultConcurrency(8192 * MIB, 8, PER_HASH)).as("half the cores bound it").isEqualTo(4);
        assertThat(PasswordHashing.defaultConcurrency(180 * MIB, 16, PER_HASH)).as("the heap bounds it")
                .isEqualTo((int) ((180 * MIB - PasswordHashing.RESERVED_HEAP_BYTES) / PER_HASH));
    }

    @Test
    void aTinyHeapStillHashesOneAtATime() {
        assertThat(PasswordHashing.defaultConcurrency(64 * MIB, 2, PER_HASH)).isEqualTo(1);
    }

    @Test
    void theBudgetOfTheDefaultsFitsTheDefaultHeap() {
        int k = PasswordHashing.defaultConcurrency(248 * MIB, 2, PER_HASH);
        assertThat(PasswordHashing.RESERVED_HEAP_BYTES + k * PER_HASH).isLessThanOrEqualTo(248 * MIB);
    }

    @Test
    void aConfiguredConcurrencyWins() {
        assertThat(PasswordHashing.concurrency(7, Argon2idPasswordHasher.owaspMinimum())).isEqualTo(7);
        assertThat(PasswordHashing.bounded(Argon2idPasswordHasher.owaspMinimum(), 3, 16).running()).isZero();
    }

    @Test
    void hashingWaitsHoldAtMostHalfOfTheRequestSlots() {
        assertThat(PasswordHashing.waiting(1, 16)).as("default: 1 running + 7 waiting of 16 slots").isEqualTo(7);
        assertThat(PasswordHashing.waiting(2, 16)).as("2 running + 6 waiting of 16 slots").isEqualTo(6);
        assertThat(PasswordHashing.waiting(2, 1024)).as("never more than 8 per slot").isEqualTo(16);
        assertThat(PasswordHashing.waiting(8, 8)).as("at least one").isEqualTo(1);
    }
}
