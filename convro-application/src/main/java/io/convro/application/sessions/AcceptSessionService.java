package io.convro.application.sessions;

import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.session.DmSession;

/** The responder accepts; the initiator is told once, when the state actually changed. */
public final class AcceptSessionService implements AcceptSessionUseCase {
    private final Sessions sessions;
    private final RealtimePublisher realtime;
    private final Transactions transactions;
    private final Clock clock;

    public AcceptSessionService(Sessions sessions, RealtimePublisher realtime, Transactions transactions, Clock clock) {
        this.sessions = sessions;
        this.realtime = realtime;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Acceptance(DmSession session, boolean changed) {
    }

    @Override
    public AcceptedSession accept(AcceptSessionCommand command) {
        Acceptance acceptance = transactions.inTransaction(() -> {
            DmSession session = sessions.findById(command.sessionDbId())
                    .orElseThrow(() -> new DomainException(ErrorCode.SESSION_NOT_FOUND, "no such session", "sessionDbId"));
            DmSession accepted = session.acceptBy(command.caller().deviceId(), clock.now());
            boolean changed = accepted.state() != session.state();
            if (changed) {
                sessions.update(accepted);
            }
            return new Acceptance(accepted, changed);
        });
        DmSession session = acceptance.session();
        if (acceptance.changed()) {
            realtime.publish(session.initiatorDeviceId(),
                    new RealtimeEvent.SessionAccepted(session.id(), session.sessionId(), session.state()));
        }
        return new AcceptedSession(session.id(), session.sessionId(), session.state());
    }
}
