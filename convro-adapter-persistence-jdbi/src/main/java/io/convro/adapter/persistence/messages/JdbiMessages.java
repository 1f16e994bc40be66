package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.Conflicts;
import io.convro.adapter.persistence.Handles;
import io.convro.adapter.persistence.InLists;
import io.convro.adapter.persistence.Millis;
import io.convro.application.messages.ConversationCursor;
import io.convro.application.messages.DuplicateClientMessageIdException;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryPage;
import io.convro.application.messages.Messages;
import io.convro.application.messages.SessionActivity;
import io.convro.application.messages.StoreMessageOutcome;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.DeliveryState;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.session.SessionDbId;
import java.time.Instant;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link Messages} on {@code dm_messages} and {@code message_receipts}. History pages by keyset on the
 * message id; the conversation list's order is one query over the device's sessions, its unread counts one
 * (capped) query for the page's sessions.
 */
public final class JdbiMessages implements Messages, AutoCloseable {
    /** Group commits writing at the same time, each on a connection of its own. */
    /** One group commit at a time: on a small machine fewer, larger commits cost the database less. */
    static final int WRITERS = 1;
    private final Handles handles;
    private final MessageWriter writer;

    public JdbiMessages(Handles handles) {
        this.handles = handles;
        this.writer = new MessageWriter(handles, WRITERS);
    }

    @Override
    public DmMessage insert(DmMessage message) {
        MessageRow row = MessageRow.of(message);
        long id = Conflicts.translate(() -> handles.withDao(MessageDao.class, dao -> dao.insert(row)),
                Map.of("uq_dm_messages_client_message_id", DuplicateClientMessageIdException::new));
        return message.withId(MessageId.of(id));
    }

    /** {@inheritDoc} Written by the group commit of {@link MessageWriter}; refused inside a transaction. */
    @Override
    public CompletionStage<StoreMessageOutcome> storeIfSessionActive(DmMessage message) {
        if (handles.inTransaction()) {
            throw new IllegalStateException("storeIfSessionActive commits on its own: not inside a transaction");
        }
        return writer.write(message);
    }

    /** The send path's meters (see {@code MessageWriter.bindTo}). */
    public void bindTo(MeterRegistry registry) {
        writer.bindTo(registry);
    }

    /** Write what the send path has queued, then stop its writers. */
    @Override
    public void close() {
        writer.close();
    }

    @Override
    public Optional<DmMessage> findById(MessageId id) {
        return handles.withDao(MessageDao.class, dao -> dao.findById(id.value())).map(MessageRow::toDomain);
    }

    @Override
    public Map<MessageId, DmMessage> findByIds(Collection<MessageId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Long> values = ids.stream().map(MessageId::value).distinct().toList();
        return handles.withDao(MessageDao.class, dao -> dao.findByIds(values)).stream()
                .map(MessageRow::toDomain).collect(Collectors.toMap(DmMessage::id, Function.identity()));
    }

    @Override
    public Optional<DmMessage> findByClientMessageId(DeviceId sender, ClientMessageId clientMessageId, DeviceId recipient) {
        return handles.withDao(MessageDao.class, dao -> dao.findByClientMessageId(sender.value(), clientMessageId.value(),
                recipient.value())).map(MessageRow::toDomain);
    }

    @Override
    public List<DmMessage> findAllByClientMessageId(DeviceId sender, ClientMessageId clientMessageId) {
        return handles.withDao(MessageDao.class, dao -> dao.findAllByClientMessageId(sender.value(), clientMessageId.value()))
                .stream().map(MessageRow::toDomain).toList();
    }

    /**
     * {@inheritDoc} The send path's multi-row statement ({@link MessageInserts#insertAll}), on the transaction's handle:
     * one INSERT whose guard refuses the whole batch unless every session is ACTIVE. When it is refused, a look-up
     * of the batch's keys tells a duplicate from a session that is not ACTIVE.
     */
    @Override
    public Optional<List<DmMessage>> insertAllIfSessionsActive(List<DmMessage> batch) {
        if (batch.isEmpty()) {
            return Optional.of(List.of());
        }
        List<MessageRow> rows = batch.stream().map(MessageRow::of).toList();
        return handles.withHandle(handle -> {
            Optional<List<Long>> ids = MessageInserts.insertAll(handle, rows);
            if (ids.isPresent()) {
                List<DmMessage> stored = new java.util.ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    stored.add(batch.get(i).withId(MessageId.of(ids.get().get(i))));
                }
                return Optional.of(List.copyOf(stored));
            }
            MessageDao dao = handle.attach(MessageDao.class);
            for (DmMessage message : batch) {
                if (message.clientMessageId() != null && dao.findByClientMessageId(message.senderDeviceId().value(),
                        message.clientMessageId().value(), message.recipientDeviceId().value()).isPresent()) {
                    throw new DuplicateClientMessageIdException();
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public HistoryPage page(SessionDbId session, HistoryCursor cursor, int limit, long maxCiphertextBytes) {
        List<PageEntryRow> entries = handles.withDao(MessageDao.class, dao -> {
            if (cursor instanceof HistoryCursor.Before before) {
                return dao.before(session.value(), before.id().value(), limit + 1);
            }
            if (cursor instanceof HistoryCursor.After after) {
                return dao.after(session.value(), after.id().value(), limit + 1);
            }
            if (cursor instanceof HistoryCursor.First) {
                return dao.after(session.value(), 0, limit + 1); // ids start at 1
            }
            return dao.latest(session.value(), limit + 1);
        });
        int fit = 0;
        long bytes = 0;
        while (fit < Math.min(limit, entries.size())) {
            bytes += entries.get(fit).ciphertextBytes();
            if (fit > 0 && bytes > maxCiphertextBytes) {
                break;
            }
            fit++;
        }
        List<MessageId> ids = entries.subList(0, fit).stream().map(entry -> MessageId.of(entry.id())).toList();
        Map<MessageId, DmMessage> rows = findByIds(ids);
        // in the page's order; a message deleted between the two reads is left out
        List<DmMessage> page = ids.stream().map(rows::get).filter(Objects::nonNull).toList();
        return new HistoryPage(page, fit < entries.size());
    }

    @Override
    public void saveReceipt(DmMessage updated, DeviceId device, ReceiptStatus status, Instant at) {
        handles.inTransaction(() -> handles.withDao(MessageDao.class, dao -> {
            // the message row first: the receipt's foreign key check would take a shared lock on it, and two
            // transactions each holding one and asking to upgrade it for the update deadlock
            int updatedRows = dao.updateDelivery(updated.id().value(), updated.deliveryState().name(),
                    Millis.of(updated.deliveredAt()), Millis.of(updated.readAt()));
            dao.upsertReceipt(updated.id().value(), device.value(), status.name(), at.toEpochMilli());
            return updatedRows;
        }));
    }

    /**
     * Two statements for the whole batch instead of two per message: every message of one receipts request moves to
     * the same state at the same time ({@link DmMessage#receiptBy}), so the per-row values are the same but for the
     * id. The id lists are padded ({@link InLists}), which repeats the last message: the same update, the same receipt.
     */
    @Override
    public void saveReceipts(List<DmMessage> updated, DeviceId device, ReceiptStatus status, Instant at) {
        if (updated.size() < 2 || updated.stream().anyMatch(message -> message.deliveryState() != updated.get(0).deliveryState())) {
            updated.forEach(message -> saveReceipt(message, device, status, at));
            return;
        }
        List<Long> ids = InLists.padded(updated.stream().map(message -> message.id().value()).sorted().toList());
        long millis = at.toEpochMilli();
        Long readAt = updated.get(0).deliveryState() == DeliveryState.READ ? millis : null;
        List<MessageDao.ReceiptRow> rows = ids.stream()
                .map(id -> new MessageDao.ReceiptRow(id, device.value(), status.name(), millis)).toList();
        handles.inTransaction(() -> handles.withDao(MessageDao.class, dao -> {
            // the message rows first, as saveReceipt does
            int updatedRows = dao.updateDeliveriesIn(ids, updated.get(0).deliveryState().name(), millis, readAt);
            dao.upsertReceiptsIn(rows, status.name(), millis);
            return updatedRows;
        }));
    }

    @Override
    public List<SessionActivity> recentSessions(DeviceId device, ConversationCursor after, int limit) {
        long activity = after == null ? Long.MAX_VALUE : after.lastActivity().toEpochMilli();
        long session = after == null ? Long.MAX_VALUE : after.sessionDbId().value();
        return handles.withDao(MessageDao.class, dao -> dao.recentSessions(device.value(), activity, session, limit))
                .stream().map(SessionActivityRow::toDomain).toList();
    }

    @Override
    public Map<SessionDbId, Integer> unreadCounts(DeviceId recipient, Collection<SessionDbId> sessions, int atMost) {
        if (sessions.isEmpty()) {
            return Map.of();
        }
        List<Long> values = sessions.stream().map(SessionDbId::value).distinct().toList();
        return handles.withHandle(handle -> CappedUnreadCounts.count(handle, recipient.value(), values, atMost)).stream()
                .collect(Collectors.toMap(row -> new SessionDbId(row.sessionDbId()), UnreadRow::unread));
    }
}
