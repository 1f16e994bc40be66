package io.convro.adapter.http.groups;

import static io.convro.adapter.http.validation.WireValue.MESSAGE_ID;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.application.groups.MarkGroupReadCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.group.GroupId;
import io.convro.domain.message.MessageId;

/** Body of {@code POST /v1/groups/{groupId}/read}: an absent or non-positive id names no message. */
record MarkReadRequest(@DomainValue(value = MESSAGE_ID, required = true) Long upToMessageId) {

    MarkGroupReadCommand toCommand(Caller caller, GroupId groupId) {
        return new MarkGroupReadCommand(caller, groupId, MessageId.of(upToMessageId));
    }
}
