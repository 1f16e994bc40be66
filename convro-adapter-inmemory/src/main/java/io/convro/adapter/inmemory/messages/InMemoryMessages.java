package io.convro.adapter.inmemory.messages;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.Table;
import io.convro.adapter.inmemory.sessions.InMemorySessions;
import io.convro.adapter.inmemory.users.InMemoryUsers;
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
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionState;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * The tables {@code dm_messages} and {@code message_receipts}. Message ids come from a sequence that only
 * grows (not rolled back, like AUTO_INCREMENT); (sender device, clientMessageId) is unique. As the
 * database's foreign keys would, it refuses with {@link IllegalStateException} (a bug) a message whose
 * session is unknown or whose sender and recipient are not that session's two devices, and a receipt from
 * any device but the message's recipient; it also refuses a message whose sending user is unknown, which the
 * database leaves to the application (no foreign key to {@code users}: an index fewer on every send).
 */
public final class InMemoryMessages implements Messages {
    private final InMemoryDatabase database;
    private final InMemoryUsers users;
    private final InMemorySessions sessions;
    private final Table<MessageId, DmMessage> messages;
    private final Table<SenderClientMessageId, MessageId> byClientMessageId;
    private final Table<MessageDevice, MessageReceipt> receipts;
    private long lastId;

    public InMemoryMessages(InMemoryDatabase database, InMemoryUsers users, InMemorySessions sessions) {
        this.database = Objects.requireNonNull(database);
        this.users = Objects.requireNonNull(users);
        this.sessions = Objects.requireNonNull(sessions);
        this.messages = database.newTable("dm_messages");
        this.byClientMessageId = database.newTable("dm_messages.sender_client_message_id");
        this.receipts = database.newTable("message_receipts");
    }

    /** {@inheritDoc} The id of {@code message}, if any, is ignored: the table assigns it. */
    @Override
    public DmMessage insert(DmMessage message) {
        return database.statement(() -> {
            requireSessionDevices(message);
            if (users.findById(message.senderUserId()).isEmpty()) {
                throw new IllegalStateException("foreign key: no user " + message.senderUserId() + " for a message");
            }
            SenderClientMessageId clientKey = message.clientMessageId() == null ? null
                    : new SenderClientMessageId(message.senderDeviceId(), message.clientMessageId(), message.recipientDeviceId());
            if (clientKey != null && byClientMessageId.contains(clientKey)) {
                throw new DuplicateClientMessageIdException();
            }
            DmMessage stored = message.withId(MessageId.of(++lastId)); // guarded by the database lock
            messages.insert(stored.id(), stored);
            if (clientKey != null) {
                byClientMessageId.insert(clientKey, stored.id());
            }
            return stored;
        });
    }

    /** {@inheritDoc} Done before it returns, on the caller's thread, in one statement; refused inside a transaction. */
    @Override
    public CompletionStage<StoreMessageOutcome> storeIfSessionActive(DmMessage message) {
        if (database.isHeldByCurrentThread()) {
            throw new IllegalStateException("storeIfSessionActive commits on its own: not inside a transaction");
        }
        try {
            return CompletableFuture.completedFuture(database.statement(() -> {
                boolean active = sessions.findById(message.sessionDbId())
                        .filter(session -> session.state() == SessionState.ACTIVE).isPresent();
                if (!active) {
                    return new StoreMessageOutcome.NotActive();
                }
                Optional<DmMessage> original = message.clientMessageId() == null ? Optional.empty()
                        : findByClientMessageId(message.senderDeviceId(), message.clientMessageId(), message.recipientDeviceId());
                return original.<StoreMessageOutcome>map(StoreMessageOutcome.DuplicateOf::new)
                        .orElseGet(() -> new StoreMessageOutcome.Stored(insert(message)));
            }));
        } catch (RuntimeException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    @Override
    public Optional<DmMessage> findById(MessageId id) {
        return database.statement(() -> messages.find(id));
    }

    @Override
    public Map<MessageId, DmMessage> findByIds(Collection<MessageId> ids) {
        return database.statement(() -> {
            Map<MessageId, DmMessage> found = new HashMap<>();
            for (MessageId id : ids) {
                messages.find(id).ifPresent(message -> found.put(id, message));
            }
            return Map.copyOf(found);
        });
    }

    @Override
    public Optional<DmMessage> findByClientMessageId(DeviceId sender, ClientMessageId clientMessageId, DeviceId recipient) {
        return database.statement(() ->
                byClientMessageId.find(new SenderClientMessageId(sender, clientMessageId, recipient)).flatMap(messages::find));
    }

    @Override
    public List<DmMessage> findAllByClientMessageId(DeviceId sender, ClientMessageId clientMessageId) {
        return database.statement(() -> messages.select(message -> message.senderDeviceId().equals(sender)
                && clientMessageId.equals(message.clientMessageId())));
    }

    /** {@inheritDoc} One statement of the database: every session checked, then every message inserted, or none. */
    @Override
    public Optional<List<DmMessage>> insertAllIfSessionsActive(List<DmMessage> batch) {
        return database.statement(() -> {
            boolean allActive = batch.stream().allMatch(message -> sessions.findById(message.sessionDbId())
                    .filter(session -> session.state() == SessionState.ACTIVE).isPresent());
            if (!allActive) {
                return Optional.empty();
            }
            return Optional.of(batch.stream().map(this::insert).toList());
        });
    }

    /** {@inheritDoc} A cursor id need not exist: it only bounds the page. {@code limit} 0 gives an empty page. */
    @Override
    public HistoryPage page(SessionDbId session, HistoryCursor cursor, int limit, long maxCiphertextBytes) {
        Objects.requireNonNull(cursor);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        Predicate<DmMessage> bound;
        Comparator<DmMessage> order = Comparator.comparingLong(message -> message.id().value());
        if (cursor instanceof HistoryCursor.Before before) {
            bound = message -> message.id().value() < before.id().value();
            order = order.reversed();
        } else if (cursor instanceof HistoryCursor.After after) {
            bound = message -> message.id().value() > after.id().value();
        } else if (cursor instanceof HistoryCursor.First) {
            bound = message -> true;
        } else {
            bound = message -> true;
            order = order.reversed();
        }
        Predicate<DmMessage> where = bound;
        Comparator<DmMessage> by = order;
        List<DmMessage> candidates = database.statement(() -> messages
                .select(message -> message.sessionDbId().equals(session) && where.test(message))
                .stream()
                .sorted(by)
                .limit(limit + 1L)
                .toList());
        int fit = 0;
        long bytes = 0;
        while (fit < Math.min(limit, candidates.size())) {
            bytes += candidates.get(fit).ciphertext().length();
            if (fit > 0 && bytes > maxCiphertextBytes) {
                break;
            }
            fit++;
        }
        return new HistoryPage(candidates.subList(0, fit), fit < candidates.size());
    }

    /**
     * {@inheritDoc} The message row takes delivery state and times from {@code updated}; its other
     * columns stay as stored. A receipt row that says READ stays READ.
     */
    @Override
    public void saveReceipt(DmMessage updated, DeviceId device, ReceiptStatus status, Instant at) {
        Objects.requireNonNull(status);
        Objects.requireNonNull(at);
        database.execute(() -> {
            DmMessage stored = messages.find(updated.id())
                    .orElseThrow(() -> new IllegalStateException("foreign key: no message " + updated.id() + " for a receipt"));
            if (!stored.recipientDeviceId().equals(device)) {
                throw new IllegalStateException("foreign key: device " + device + " is not the recipient of message " + stored.id());
            }
            MessageDevice key = new MessageDevice(stored.id(), device);
            boolean wasRead = receipts.find(key).map(receipt -> receipt.status() == ReceiptStatus.READ).orElse(false);
            receipts.upsert(key, new MessageReceipt(stored.id(), device, wasRead ? ReceiptStatus.READ : status, at));
            messages.update(stored.id(), new DmMessage(stored.id(), stored.sessionDbId(), stored.sessionId(),
                    stored.senderUserId(), stored.senderDeviceId(), stored.recipientDeviceId(), stored.ciphertext(),
                    stored.authTag(), stored.clientMessageId(), stored.clientTimestamp(), stored.serverTimestamp(),
                    updated.deliveryState(), updated.deliveredAt(), updated.readAt()));
        });
    }

    /** {@inheritDoc} One pass over the device's sessions and, here in memory, over the messages table. */
    @Override
    public List<SessionActivity> recentSessions(DeviceId device, ConversationCursor after, int limit) {
        return database.statement(() -> {
            Map<SessionDbId, DmMessage> newest = new HashMap<>();
            // insertion order is id order, so the last one seen per session is its newest
            for (DmMessage message : messages.select(message -> true)) {
                newest.put(message.sessionDbId(), message);
            }
            Comparator<SessionActivity> mostRecentFirst = Comparator.comparing(SessionActivity::lastActivity)
                    .thenComparing(activity -> activity.sessionDbId().value()).reversed();
            return sessions.listOf(device).stream().map(session -> {
                DmMessage last = newest.get(session.id());
                return last == null ? new SessionActivity(session.id(), null, session.createdAt())
                        : new SessionActivity(session.id(), last.id(), last.serverTimestamp());
            }).filter(activity -> after == null || mostRecentFirst.compare(activity,
                    new SessionActivity(after.sessionDbId(), null, after.lastActivity())) > 0)
                    .sorted(mostRecentFirst).limit(limit).toList();
        });
    }

    /** {@inheritDoc} Sessions without unread messages are absent. */
    @Override
    public Map<SessionDbId, Integer> unreadCounts(DeviceId recipient, Collection<SessionDbId> sessionIds, int atMost) {
        Set<SessionDbId> wanted = new HashSet<>(sessionIds);
        return database.statement(() -> {
            Map<SessionDbId, Integer> counts = new HashMap<>();
            for (DmMessage message : messages.select(message -> wanted.contains(message.sessionDbId())
                    && message.recipientDeviceId().equals(recipient)
                    && message.deliveryState() != DeliveryState.READ)) {
                counts.merge(message.sessionDbId(), 1, (count, one) -> Math.min(atMost, count + one));
            }
            return Map.copyOf(counts);
        });
    }

    /** The receipt row of {@code device} for {@code message}, if one was saved (for tests; no port reads receipts). */
    public Optional<MessageReceipt> receipt(MessageId message, DeviceId device) {
        return database.statement(() -> receipts.find(new MessageDevice(message, device)));
    }

    /** Every receipt row of {@code message}. */
    public List<MessageReceipt> receiptsOf(MessageId message) {
        return database.statement(() -> List.copyOf(receipts.select(receipt -> receipt.messageId().equals(message))));
    }

    private void requireSessionDevices(DmMessage message) {
        DmSession session = sessions.findById(message.sessionDbId())
                .orElseThrow(() -> new IllegalStateException("foreign key: no session " + message.sessionDbId() + " for a message"));
        boolean initiatorSends = session.initiatorDeviceId().equals(message.senderDeviceId())
                && session.responderDeviceId().equals(message.recipientDeviceId());
        boolean responderSends = session.responderDeviceId().equals(message.senderDeviceId())
                && session.initiatorDeviceId().equals(message.recipientDeviceId());
        if (!initiatorSends && !responderSends) {
            throw new IllegalStateException("foreign key: sender and recipient of a message must be the devices of session " + session.id());
        }
        if (!session.sessionId().equals(message.sessionId())) {
            throw new IllegalStateException("message sessionId " + message.sessionId() + " is not that of session " + session.id());
        }
    }

    /**
     * Delete up to {@code batch} messages stored before {@code cutoff}, oldest id first, with their receipts and
     * their clientMessageIds; it stops at the first message that is not old enough, as the JDBI store does
     * (retention). Answers how many messages.
     */
    public int deleteBefore(Instant cutoff, int batch) {
        return database.statement(() -> {
            int deleted = 0;
            for (DmMessage message : messages.select(any -> true)) {
                if (deleted == batch || !message.serverTimestamp().isBefore(cutoff)) {
                    break;
                }
                for (MessageReceipt receipt : receipts.select(r -> r.messageId().equals(message.id()))) {
                    receipts.delete(new MessageDevice(receipt.messageId(), receipt.deviceId()));
                }
                if (message.clientMessageId() != null) {
                    byClientMessageId.delete(new SenderClientMessageId(message.senderDeviceId(), message.clientMessageId(),
                            message.recipientDeviceId()));
                }
                messages.delete(message.id());
                deleted++;
            }
            return deleted;
        });
    }
}
