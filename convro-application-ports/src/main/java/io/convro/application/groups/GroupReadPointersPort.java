package io.convro.application.groups;

import io.convro.domain.group.GroupId;
import io.convro.domain.message.MessageId;
import io.convro.domain.user.UserId;

/** Out-port: how far each member has read a group. */
public interface GroupReadPointersPort {
    /** Move the member's read pointer to {@code upTo} if that is further than where it is: atomic, forward only. */
    void advanceReadPointer(GroupId group, UserId member, MessageId upTo);
}
