package io.convro.adapter.persistence.messages;

/** A message of a history page before it is read: its id and how many bytes of ciphertext it carries. */
record PageEntryRow(long id, long ciphertextBytes) {
}
