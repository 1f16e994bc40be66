package io.convro.application.groups;

import io.convro.application.messages.DuplicateClientMessageIdException;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.shared.UsageLimits;
import io.convro.domain.group.GroupMembership;
import io.convro.domain.group.GroupMessage;
import java.util.Optional;

/**
 * Stores a group message once (one row, whatever the member count) and, after the commit, wakes every member device
 * but the sending one with ONE publish to the group's room. Idempotent per (group, sender device, clientMessageId): a
 * repeat — even one racing the original — gets the original back, is not checked again, and emits nothing. Each post
 * takes one permit of the sending device's send budget (the one {@code /send} counts).
 */
public final class PostGroupMessageService implements PostGroupMessageUseCase {
    private final LoadGroupPort groups;
    private final StoreGroupMessagePort messages;
    private final RealtimePublisher realtime;
    private final Transactions transactions;
    private final Clock clock;
    private final UsageLimits limits;

    public PostGroupMessageService(LoadGroupPort groups, StoreGroupMessagePort messages, RealtimePublisher realtime,
                                   Transactions transactions, Clock clock, UsageLimits limits) {
        this.groups = groups;
        this.messages = messages;
        this.realtime = realtime;
        this.transactions = transactions;
        this.clock = clock;
        this.limits = limits;
    }

    private record Outcome(GroupMessage message, boolean created) {
    }

    @Override
    public PostedGroupMessage post(PostGroupMessageCommand command) {
        limits.checkSend(command.caller().deviceId());
        Outcome outcome;
        try {
            outcome = transactions.inTransaction(() -> store(command));
        } catch (DuplicateClientMessageIdException raceLost) {
            outcome = transactions.inTransaction(() -> new Outcome(original(command)
                    .orElseThrow(() -> new IllegalStateException("duplicate clientMessageId without an original")), false));
        }
        GroupMessage message = outcome.message();
        if (outcome.created()) {
            realtime.publishToGroup(message.groupId(), message.senderDeviceId(), new RealtimeEvent.GroupMessagePosted(message));
        }
        return new PostedGroupMessage(message.id(), message.serverTimestamp(), outcome.created());
    }

    private Outcome store(PostGroupMessageCommand command) {
        Caller caller = command.caller();
        GroupMembership membership = groups.findMembership(command.groupId(), caller.userId())
                .orElseThrow(GroupMembership::notFound);
        Optional<GroupMessage> original = original(command);
        if (original.isPresent()) {
            return new Outcome(original.get(), false);
        }
        GroupMessage composed = GroupMessage.compose(membership, caller.deviceId(), command.senderKeyId(),
                command.ciphertext(), command.authTag(), command.clientMessageId(), command.clientTimestamp(), clock.now());
        return new Outcome(messages.insertGroupMessage(composed), true);
    }

    private Optional<GroupMessage> original(PostGroupMessageCommand command) {
        return command.clientMessageId() == null ? Optional.empty()
                : messages.findGroupMessageByClientMessageId(command.groupId(), command.caller().deviceId(), command.clientMessageId());
    }
}
