package io.convro.application.groups;

import io.convro.application.shared.Caller;
import io.convro.domain.group.EncryptedTitle;
import io.convro.domain.group.GroupKind;
import io.convro.domain.user.UserId;
import java.util.List;

/** Create a group or channel owned by the caller. {@code encryptedTitle} may be null; {@code memberUserIds} may be empty. */
public record CreateGroupCommand(Caller caller, GroupKind kind, EncryptedTitle encryptedTitle, List<UserId> memberUserIds) {
    public CreateGroupCommand {
        memberUserIds = List.copyOf(memberUserIds);
    }
}
