package io.convro.application.groups;

import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupMessage;
import io.convro.domain.message.ClientMessageId;
import java.util.Optional;

/** Out-port: stores group messages, each once (one row) whatever the member count. */
public interface StoreGroupMessagePort {
    /**
     * Store a new group message and return it with its id (ids grow with each insert). A clientMessageId the sender
     * device already used in this group throws {@link io.convro.application.messages.DuplicateClientMessageIdException}.
     */
    GroupMessage insertGroupMessage(GroupMessage message);

    Optional<GroupMessage> findGroupMessageByClientMessageId(GroupId group, DeviceId sender, ClientMessageId clientMessageId);
}
