package io.convro.application.messages;

import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import java.util.List;

/** Report 1..100 messages DELIVERED or READ, all or nothing. */
public record ReceiptCommand(Caller caller, List<MessageId> messageIds, ReceiptStatus status) {
    public static final int MAX_BATCH = 100;

    public ReceiptCommand {
        if (messageIds == null || messageIds.isEmpty() || messageIds.size() > MAX_BATCH) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "messageIds must hold 1..100 ids", "messageIds");
        }
        messageIds = List.copyOf(messageIds);
    }
}
