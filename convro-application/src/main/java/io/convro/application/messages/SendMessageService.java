package io.convro.application.messages;

import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.sessions.Sessions;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.message.DmMessage;
import io.convro.domain.session.DmSession;
import java.util.Optional;

/**
 * Stores a message and wakes the recipient after the commit. Idempotent per (sender device,
 * clientMessageId): a retry — even one racing the original — gets the original back and emits nothing.
 */
public final class SendMessageService implements SendMessageUseCase {
    private final Sessions sessions;
    private final Messages messages;
    private final RealtimePublisher realtime;
    private final Transactions transactions;
    private final Clock clock;

    public SendMessageService(Sessions sessions, Messages messages, RealtimePublisher realtime, Transactions transactions,
                              Clock clock) {
        this.sessions = sessions;
        this.messages = messages;
        this.realtime = realtime;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Outcome(DmMessage message, boolean created) {
    }

    @Override
    public SentMessage send(SendMessageCommand command) {
        Outcome outcome;
        try {
            outcome = transactions.inTransaction(() -> store(command));
        } catch (DuplicateClientMessageIdException raceLost) {
            outcome = transactions.inTransaction(() -> new Outcome(original(command)
                    .orElseThrow(() -> new IllegalStateException("duplicate clientMessageId without an original")), false));
        }
        DmMessage message = outcome.message();
        if (outcome.created()) {
            realtime.publish(message.recipientDeviceId(), new RealtimeEvent.MessageReceived(message));
        }
        return new SentMessage(message.id(), message.serverTimestamp(), message.deliveryState(), outcome.created());
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
        DmMessage composed = DmMessage.compose(session.id(), session.sessionId(), caller.userId(), caller.deviceId(),
                command.recipientDeviceId(), command.ciphertext(), command.authTag(), command.clientMessageId(),
                command.clientTimestamp(), clock.now());
        return new Outcome(messages.insert(composed), true);
    }

    private Optional<DmMessage> original(SendMessageCommand command) {
        return command.clientMessageId() == null ? Optional.empty()
                : messages.findByClientMessageId(command.caller().deviceId(), command.clientMessageId());
    }
}
