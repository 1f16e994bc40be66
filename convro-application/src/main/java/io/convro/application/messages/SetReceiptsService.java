package io.convro.application.messages;

import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Receipts, single or batch, all or nothing: every message is checked before the first is written,
 * and the senders hear about the ones that moved forward once the transaction committed.
 */
public final class SetReceiptsService implements SetReceiptsUseCase {
    private final Messages messages;
    private final RealtimePublisher realtime;
    private final Transactions transactions;
    private final Clock clock;

    public SetReceiptsService(Messages messages, RealtimePublisher realtime, Transactions transactions, Clock clock) {
        this.messages = messages;
        this.realtime = realtime;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void setReceipts(ReceiptCommand command) {
        DeviceId device = command.caller().deviceId();
        List<DmMessage> moved = transactions.inTransaction(() -> {
            Instant now = clock.now();
            List<MessageId> ids = List.copyOf(new LinkedHashSet<>(command.messageIds()));
            Map<MessageId, DmMessage> found = messages.findByIds(ids);
            List<DmMessage> updates = new ArrayList<>();
            for (MessageId id : ids) {
                DmMessage message = found.get(id);
                if (message == null) {
                    throw new DomainException(ErrorCode.MESSAGE_NOT_FOUND, "no such message for this device", "messageId");
                }
                DmMessage updated = message.receiptBy(device, command.status(), now);
                if (updated != message) {
                    updates.add(updated);
                }
            }
            // in one order for every batch: two batches over the same messages, each taking the rows' locks in the
            // order its client listed them, deadlocked on MariaDB (87 times in one soak run, each answered 503)
            updates.sort(Comparator.comparingLong(updated -> updated.id().value()));
            messages.saveReceipts(updates, device, command.status(), now);
            return updates;
        });
        for (DmMessage message : moved) {
            ReceiptStatus status = ReceiptStatus.valueOf(message.deliveryState().name());
            Instant at = status == ReceiptStatus.READ ? message.readAt() : message.deliveredAt();
            realtime.publish(message.senderDeviceId(),
                    new RealtimeEvent.ReceiptUpdated(message.id(), message.sessionId(), status, device, at));
        }
    }
}
