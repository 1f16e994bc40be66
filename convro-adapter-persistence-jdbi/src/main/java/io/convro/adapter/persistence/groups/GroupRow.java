package io.convro.adapter.persistence.groups;

import io.convro.adapter.persistence.Millis;
import io.convro.domain.group.EncryptedTitle;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupKind;
import io.convro.domain.group.GroupMember;
import java.util.List;

/**
 * A {@code groups} row, and its explicit mapping to and from the domain's {@link Group} (members come from
 * {@code group_members}). Public only because JDBI binds and maps it reflectively; not an API of the adapter.
 */
public record GroupRow(String groupId, String kind, byte[] encryptedTitle, long createdAt) {

    static GroupRow of(Group group) {
        return new GroupRow(group.id().value(), group.kind().name(),
                group.encryptedTitle() == null ? null : group.encryptedTitle().bytes(), Millis.of(group.createdAt()));
    }

    Group toDomain(List<GroupMember> members) {
        return new Group(GroupId.parse(groupId), GroupKind.valueOf(kind),
                encryptedTitle == null ? null : EncryptedTitle.of(encryptedTitle), Millis.toInstant(createdAt), members);
    }
}
