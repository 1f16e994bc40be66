package io.convro.application.groups;

import io.convro.application.shared.Transactions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.group.GroupMembership;

/**
 * Moves the caller's read pointer forward to a message of the group it may see; a message of another group, or one
 * sent before the caller joined, is {@code MESSAGE_NOT_FOUND}. A pointer already further stays where it is.
 */
public final class MarkGroupReadService implements MarkGroupReadUseCase {
    private final LoadGroupPort groups;
    private final ReadGroupMessagesPort messages;
    private final GroupReadPointersPort pointers;
    private final Transactions transactions;

    public MarkGroupReadService(LoadGroupPort groups, ReadGroupMessagesPort messages, GroupReadPointersPort pointers,
                                Transactions transactions) {
        this.groups = groups;
        this.messages = messages;
        this.pointers = pointers;
        this.transactions = transactions;
    }

    @Override
    public void markRead(MarkGroupReadCommand command) {
        transactions.run(() -> {
            GroupMembership membership = groups.findMembership(command.groupId(), command.caller().userId())
                    .orElseThrow(GroupMembership::notFound);
            messages.findGroupMessage(command.groupId(), command.upToMessageId())
                    .filter(message -> !message.serverTimestamp().isBefore(membership.visibleSince()))
                    .orElseThrow(() -> new DomainException(ErrorCode.MESSAGE_NOT_FOUND, "no such message in this group", "upToMessageId"));
            pointers.advanceReadPointer(command.groupId(), command.caller().userId(), command.upToMessageId());
        });
    }
}
