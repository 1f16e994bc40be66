package io.convro.adapter.persistence.groups;

/** A message of a group history page before it is read: its id and how many bytes of ciphertext it carries. */
public record GroupPageEntryRow(long id, long ciphertextBytes) {
}
