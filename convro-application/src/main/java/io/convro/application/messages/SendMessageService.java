package io.convro.application.messages;

import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.sessions.KnownSessions;
import io.convro.application.sessions.Sessions;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.shared.UsageLimits;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.message.DmMessage;
import io.convro.domain.session.DmSession;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Stores a message and wakes the recipient after the commit. Idempotent per (sender device,
 * clientMessageId): a retry — even one racing the original — gets the original back and emits nothing.
 *
 * <p>Two ways to store. The direct one, for a send that will most likely succeed: the session's devices come
 * from {@link KnownSessions} (they never change) and the store checks that the session is ACTIVE while it
 * inserts, in one step, without a transaction and together with other sends ({@link Messages#insertIfSessionActive}).
 * Anything else — an unknown session, a sender or recipient that does not fit it, a session that is not ACTIVE, a
 * repeated clientMessageId — takes the checked way: one transaction that reads the session, looks for the
 * original and applies the send policies in the order the contract names the errors. Both give the same answers;
 * the direct way only skips work when there is nothing to report. Whatever would wait for the store (the first
 * read of a session on this node, the checked way) runs on {@code blockingWork}: never on the caller's thread,
 * which may be an event loop, nor on the store's; when that work is beyond its bound the send fails with
 * {@code SERVICE_UNAVAILABLE}. Every send first takes a permit of the sending device's budget, counted in this
 * node's memory (see {@link UsageLimits#sendPermit}): a map look-up, never a wait.
 */
public final class SendMessageService implements SendMessageUseCase {
    private final Sessions sessions;
    private final KnownSessions knownSessions;
    private final Messages messages;
    private final RealtimePublisher realtime;
    private final Transactions transactions;
    private final Clock clock;
    private final BoundedWork blockingWork;
    private final UsageLimits limits;

    public SendMessageService(Sessions sessions, KnownSessions knownSessions, Messages messages, RealtimePublisher realtime,
                              Transactions transactions, Clock clock, BoundedWork blockingWork, UsageLimits limits) {
        this.sessions = sessions;
        this.knownSessions = knownSessions;
        this.messages = messages;
        this.realtime = realtime;
        this.transactions = transactions;
        this.clock = clock;
        this.blockingWork = blockingWork;
        this.limits = limits;
    }

    private record Outcome(DmMessage message, boolean created) {
    }

    @Override
    public CompletionStage<SentMessage> send(SendMessageCommand command) {
        return limits.sendPermit(command.caller().deviceId()).thenCompose(permitted -> sendPermitted(command));
    }

    private CompletionStage<SentMessage> sendPermitted(SendMessageCommand command) {
        Optional<DmSession> remembered = knownSessions.remembered(command.sessionId());
        if (remembered.isPresent()) {
            return sendInto(remembered.get(), command, false);
        }
        return blockingWork.supply(() -> knownSessions.find(command.sessionId()))
                .thenCompose(found -> found.map(session -> sendInto(session, command, true))
                        .orElseGet(() -> checkedHere(command)));
    }

    /**
     * The direct way if the send fits {@code session}, else the checked way: right here when {@code onBlockingWork}
     * (this thread may wait for the store), else on the blocking work's threads.
     */
    private CompletionStage<SentMessage> sendInto(DmSession session, SendMessageCommand command, boolean onBlockingWork) {
        Caller caller = command.caller();
        if (!session.hasMember(caller.deviceId()) || !session.peerOf(caller.deviceId()).equals(command.recipientDeviceId())) {
            return onBlockingWork ? checkedHere(command) : checked(command);
        }
        return messages.insertIfSessionActive(compose(session, command))
                .handle((stored, failure) -> {
                    Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                            ? wrapped.getCause() : failure;
                    if (cause == null && stored.isPresent()) {
                        return CompletableFuture.completedFuture(delivered(new Outcome(stored.get(), true)));
                    }
                    if (cause == null || cause instanceof DuplicateClientMessageIdException) {
                        return checked(command);
                    }
                    return CompletableFuture.<SentMessage>failedFuture(cause);
                })
                .thenCompose(Function.identity());
    }

    /** The checked way, on the blocking work's threads; its rejections complete the stage exceptionally. */
    private CompletableFuture<SentMessage> checked(SendMessageCommand command) {
        return blockingWork.supply(() -> delivered(storeChecked(command)));
    }

    /** The checked way on this thread (one of the blocking work's already). */
    private CompletableFuture<SentMessage> checkedHere(SendMessageCommand command) {
        try {
            return CompletableFuture.completedFuture(delivered(storeChecked(command)));
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
    }

    /** Wake the recipient of a message this send created (never for a repeat), and answer. */
    private SentMessage delivered(Outcome outcome) {
        DmMessage message = outcome.message();
        if (outcome.created()) {
            realtime.publish(message.recipientDeviceId(), new RealtimeEvent.MessageReceived(message));
        }
        return new SentMessage(message.id(), message.serverTimestamp(), message.deliveryState(), outcome.created());
    }

    private Outcome storeChecked(SendMessageCommand command) {
        try {
            return transactions.inTransaction(() -> store(command));
        } catch (DuplicateClientMessageIdException raceLost) {
            return transactions.inTransaction(() -> new Outcome(original(command)
                    .orElseThrow(() -> new IllegalStateException("duplicate clientMessageId without an original")), false));
        }
    }

    private Outcome store(SendMessageCommand command) {
        Caller caller = command.caller();
        DmSession session = sessions.findBySessionId(command.sessionId())
                .filter(found -> found.hasMember(caller.deviceId()))
                .orElseThrow(() -> new DomainException(ErrorCode.SESSION_NOT_FOUND, "no such session for this device", "sessionId"));
        Optional<DmMessage> original = original(command);
        if (original.isPresent()) {
            return new Outcome(original.get(), false);
        }
        session.checkSend(caller.deviceId(), command.recipientDeviceId());
        return new Outcome(messages.insert(compose(session, command)), true);
    }

    private DmMessage compose(DmSession session, SendMessageCommand command) {
        Caller caller = command.caller();
        return DmMessage.compose(session.id(), session.sessionId(), caller.userId(), caller.deviceId(),
                command.recipientDeviceId(), command.ciphertext(), command.authTag(), command.clientMessageId(),
                command.clientTimestamp(), clock.now());
    }

    private Optional<DmMessage> original(SendMessageCommand command) {
        return command.clientMessageId() == null ? Optional.empty()
                : messages.findByClientMessageId(command.caller().deviceId(), command.clientMessageId(), command.recipientDeviceId());
    }
}
