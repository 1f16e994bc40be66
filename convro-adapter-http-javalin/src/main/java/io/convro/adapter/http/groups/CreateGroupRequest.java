package io.convro.adapter.http.groups;

import io.convro.application.groups.CreateGroupCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.group.EncryptedTitle;
import io.convro.domain.group.GroupKind;
import java.util.List;

/** Body of {@code POST /v1/groups}: checked in field order (kind, encryptedTitle, memberUserIds). */
record CreateGroupRequest(String kind, String encryptedTitle, List<Long> memberUserIds) {

    CreateGroupCommand toCommand(Caller caller) {
        GroupKind groupKind = GroupKind.parse(kind);
        EncryptedTitle title = encryptedTitle == null ? null : EncryptedTitle.parseBase64(encryptedTitle);
        return new CreateGroupCommand(caller, groupKind, title, GroupIds.users(memberUserIds, "memberUserIds"));
    }

    @Override
    public String toString() {
        return "CreateGroupRequest[kind=" + kind + ", members=" + (memberUserIds == null ? 0 : memberUserIds.size()) + "]";
    }
}
