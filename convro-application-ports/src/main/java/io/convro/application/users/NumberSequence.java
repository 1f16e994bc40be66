package io.convro.application.users;

/**
 * Out-port behind {@link PermutedNumberAllocator}: a persistent counter and the secret key of the
 * permutation. The key is created once and never changes, or numbers would repeat.
 */
public interface NumberSequence {
    /** The next counter value, 0, 1, 2, … ; atomic, and rolled back with the surrounding transaction. */
    long takeNext();

    /** The permutation key (at least 16 bytes), created on first use and stable forever after. */
    byte[] permutationKey();
}
