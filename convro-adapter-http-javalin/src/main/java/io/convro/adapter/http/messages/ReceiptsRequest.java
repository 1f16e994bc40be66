package io.convro.adapter.http.messages;

import static io.convro.adapter.http.validation.WireValue.MESSAGE_ID;
import static io.convro.adapter.http.validation.WireValue.RECEIPT_STATUS;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.application.messages.ReceiptCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import java.util.List;

/** Body of {@code POST /v1/dm/messages/receipts}: one {@code messageId} or a batch of {@code messageIds}. */
record ReceiptsRequest(@DomainValue(MESSAGE_ID) Long messageId,
                       List<@DomainValue(value = MESSAGE_ID, required = true) Long> messageIds,
                       @DomainValue(value = RECEIPT_STATUS, required = true) String status) {

    ReceiptCommand toCommand(Caller caller) {
        if ((messageId == null) == (messageIds == null)) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "give exactly one of messageId or messageIds", "messageIds");
        }
        List<MessageId> ids = messageId != null ? List.of(MessageId.of(messageId))
                : messageIds.stream().map(MessageId::of).toList();
        return new ReceiptCommand(caller, ids, ReceiptStatus.parse(status));
    }
}
