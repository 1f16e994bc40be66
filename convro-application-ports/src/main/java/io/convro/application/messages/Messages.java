package io.convro.application.messages;

import io.convro.domain.device.DeviceId;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.session.SessionDbId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Out-port: stored messages and their receipts; the send path stores through its {@link StoreMessagePort}. */
public interface Messages extends StoreMessagePort {
    /**
     * Store a new message and return it with its id (ids grow with each insert). A clientMessageId the
     * sender device already used throws {@link DuplicateClientMessageIdException}.
     */
    DmMessage insert(DmMessage message);

    Optional<DmMessage> findById(MessageId id);

    /** The messages among {@code ids} that exist, in one look-up. */
    Map<MessageId, DmMessage> findByIds(Collection<MessageId> ids);

    /**
     * The message stored under the idempotency key (sender device, clientMessageId, recipient device): the key of
     * API.md §8, shared by {@code /send} and the fan-out.
     */
    Optional<DmMessage> findByClientMessageId(DeviceId sender, ClientMessageId clientMessageId, DeviceId recipient);

    /** Every message {@code sender} stored under {@code clientMessageId}, whatever its recipient, by id (a fan-out's copies). */
    List<DmMessage> findAllByClientMessageId(DeviceId sender, ClientMessageId clientMessageId);

    /**
     * Store every message of a fan-out together, inside the caller's transaction, in one multi-row statement where
     * the database allows: all or nothing. Their ids, in the list's order. Empty, and nothing stored, when any
     * message's session is not ACTIVE at that moment; {@link DuplicateClientMessageIdException} when any key
     * (sender device, clientMessageId, recipient device) is taken.
     */
    Optional<List<DmMessage>> insertAllIfSessionsActive(List<DmMessage> messages);

    /**
     * Up to {@code limit} messages of the session from {@code cursor} (newest first for {@link HistoryCursor.Latest}
     * and {@link HistoryCursor.Before}, oldest first for {@link HistoryCursor.After} and {@link HistoryCursor.First}), but no more than carry
     * {@code maxCiphertextBytes} of ciphertext together, and at least one if there is one; {@code hasMore} when more
     * lie beyond the page in the same direction. The budget is applied before any message is read whole.
     */
    HistoryPage page(SessionDbId session, HistoryCursor cursor, int limit, long maxCiphertextBytes);

    /** Up to {@code limit} messages of the session from {@code cursor}, whatever their size. */
    default List<DmMessage> page(SessionDbId session, HistoryCursor cursor, int limit) {
        return page(session, cursor, limit, Long.MAX_VALUE).messages();
    }

    /**
     * Record the recipient's receipt: one row per (message, device), moved to {@code status}, and the
     * message's delivery state and times as in {@code updated}.
     */
    void saveReceipt(DmMessage updated, DeviceId device, ReceiptStatus status, Instant at);

    /**
     * {@link #saveReceipt} for several messages of one recipient device, each as {@link DmMessage#receiptBy} left it
     * for the same {@code status} and {@code at}; a store may write them together.
     */
    default void saveReceipts(List<DmMessage> updated, DeviceId device, ReceiptStatus status, Instant at) {
        updated.forEach(message -> saveReceipt(message, device, status, at));
    }

    /**
     * The sessions {@code device} belongs to, in the order of the conversation list: most recent activity first (the
     * serverTimestamp of the session's newest message, else the session's creation), then the higher sessionDbId
     * first; from the start, or right after {@code after} when it is not null; at most {@code limit}. Costs one look-up
     * per session of the device, never one per message.
     */
    List<SessionActivity> recentSessions(DeviceId device, ConversationCursor after, int limit);

    /**
     * Per session, how many messages to {@code recipient} are not READ, counting no further than {@code atMost}
     * (so a session with more unread messages than that answers {@code atMost}, and the count never reads more than
     * {@code atMost} rows per session); sessions with none may be absent.
     */
    Map<SessionDbId, Integer> unreadCounts(DeviceId recipient, Collection<SessionDbId> sessions, int atMost);
}
