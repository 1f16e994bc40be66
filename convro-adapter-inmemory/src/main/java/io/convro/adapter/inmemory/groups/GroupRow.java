package io.convro.adapter.inmemory.groups;

import io.convro.domain.group.EncryptedTitle;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupKind;
import java.time.Instant;

/** A row of {@code groups}: the group without its members. */
record GroupRow(GroupId id, GroupKind kind, EncryptedTitle encryptedTitle, Instant createdAt) {
}
