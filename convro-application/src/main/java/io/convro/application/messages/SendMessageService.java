package io.convro.application.messages;

import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.sessions.KnownSessions;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.application.shared.UsageLimits;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.message.DmMessage;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SendVerdict;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stores a message and wakes the recipient after the commit, in the order of ARCHITECTURE's flow of one request: the
 * caller comes authenticated (the adapter ran {@code AuthenticateToken}), the session decides ({@link
 * DmSession#decideSend}: every send policy, on every send), the store stores ({@link StoreMessagePort}), and only a
 * message it stored wakes anyone. Idempotent per (sender device, clientMessageId, recipient device): a retry — even
 * one racing the original — gets the original back and emits nothing.
 *
 * <p>One way for every send. The session comes from {@link KnownSessions}: its devices never change, and its state
 * only moves on, so a copy is at most one step behind. That is why an allowed send is stored only if the session is
 * still ACTIVE, checked by the store in the same step as it writes; when the store finds it no longer ACTIVE, the
 * session as the store found it decides again (and refuses). A refused send that repeats a stored message is answered
 * with its original (see {@link SendVerdict.Refused}). Whatever waits for the store besides the store's own write
 * (the first read of a session on this node, the look-up of an original for a refused send) runs on
 * {@code blockingWork}: never on the caller's thread, which may be an event loop, nor on the store's; when that work
 * is beyond its bound the send fails with {@code SERVICE_UNAVAILABLE}. Every send first takes a permit of the sending
 * device's budget, counted in this node's memory (see {@link UsageLimits#sendPermit}): a map look-up, never a wait.
 */
public final class SendMessageService implements SendMessageUseCase {
    private final KnownSessions knownSessions;
    private final StoreMessagePort store;
    private final Messages messages;
    private final RealtimePublisher realtime;
    private final Clock clock;
    private final BoundedWork blockingWork;
    private final UsageLimits limits;

    /**
     * @param store    where an allowed send is stored
     * @param messages where the original of a refused repeat is looked up
     */
    public SendMessageService(KnownSessions knownSessions, StoreMessagePort store, Messages messages,
                              RealtimePublisher realtime, Clock clock, BoundedWork blockingWork, UsageLimits limits) {
        this.knownSessions = knownSessions;
        this.store = store;
        this.messages = messages;
        this.realtime = realtime;
        this.clock = clock;
        this.blockingWork = blockingWork;
        this.limits = limits;
    }

    @Override
    public CompletionStage<SentMessage> send(SendMessageCommand command) {
        return limits.sendPermit(command.caller().deviceId())
                .thenCompose(permitted -> session(command))
                .thenCompose(session -> decideAndStore(session, command));
    }

    /** The session the send names, as this node remembers it or else read (on the blocking work). */
    private CompletionStage<DmSession> session(SendMessageCommand command) {
        Optional<DmSession> remembered = knownSessions.remembered(command.sessionId());
        if (remembered.isPresent()) {
            return CompletableFuture.completedFuture(remembered.get());
        }
        return blockingWork.supply(() -> knownSessions.find(command.sessionId()).orElseThrow(() ->
                new DomainException(ErrorCode.SESSION_NOT_FOUND, "no such session for this device", "sessionId")));
    }

    /** The session decides; an allowed send is stored, a refused one answered by its original if it repeats one. */
    private CompletionStage<SentMessage> decideAndStore(DmSession session, SendMessageCommand command) {
        Caller caller = command.caller();
        SendVerdict verdict = session.decideSend(caller.deviceId(), command.recipientDeviceId());
        if (verdict instanceof SendVerdict.NotAMember notAMember) {
            return CompletableFuture.failedFuture(notAMember.rejection());
        }
        if (verdict instanceof SendVerdict.Refused refused) {
            return originalOr(refused.rejection(), command);
        }
        return store.storeIfSessionActive(compose(session, command))
                .thenCompose(outcome -> answer(outcome, session, command));
    }

    /** What the store's outcome means to the sender; on the store's thread, so nothing here waits. */
    private CompletionStage<SentMessage> answer(StoreMessageOutcome outcome, DmSession session, SendMessageCommand command) {
        if (outcome instanceof StoreMessageOutcome.Stored stored) {
            DmMessage message = stored.message();
            realtime.publish(message.recipientDeviceId(), new RealtimeEvent.MessageReceived(message));
            return CompletableFuture.completedFuture(sent(message, true));
        }
        if (outcome instanceof StoreMessageOutcome.DuplicateOf duplicate) {
            return CompletableFuture.completedFuture(sent(duplicate.original(), false));
        }
        // not ACTIVE any more: the session as the store found it decides (and refuses), and is remembered so
        DmSession found = session.foundNotActive();
        knownSessions.remember(found);
        return decideAndStore(found, command);
    }

    /** A refused send: the original it repeats, else the refusal (on the blocking work: the look-up waits for the store). */
    private CompletionStage<SentMessage> originalOr(DomainException refusal, SendMessageCommand command) {
        if (command.clientMessageId() == null) {
            return CompletableFuture.failedFuture(refusal);
        }
        return blockingWork.supply(() -> messages.findByClientMessageId(command.caller().deviceId(),
                        command.clientMessageId(), command.recipientDeviceId())
                .map(original -> sent(original, false))
                .orElseThrow(() -> refusal));
    }

    private static SentMessage sent(DmMessage message, boolean created) {
        return new SentMessage(message.id(), message.serverTimestamp(), message.deliveryState(), created);
    }

    private DmMessage compose(DmSession session, SendMessageCommand command) {
        Caller caller = command.caller();
        return DmMessage.compose(session.id(), session.sessionId(), caller.userId(), caller.deviceId(),
                command.recipientDeviceId(), command.ciphertext(), command.authTag(), command.clientMessageId(),
                command.clientTimestamp(), clock.now());
    }
}
