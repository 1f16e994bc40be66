package io.convro.application.groups;

import io.convro.application.shared.Caller;
import io.convro.domain.group.GroupId;
import io.convro.domain.message.MessageId;

/** Mark a group read up to one of its messages. */
public record MarkGroupReadCommand(Caller caller, GroupId groupId, MessageId upToMessageId) {
}
