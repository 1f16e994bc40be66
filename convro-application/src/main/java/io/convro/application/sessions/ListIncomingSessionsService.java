package io.convro.application.sessions;

import io.convro.application.shared.Caller;
import io.convro.application.users.Users;
import io.convro.domain.session.DmSession;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import java.util.List;
import java.util.Map;

/** PENDING sessions waiting for the caller's device, with their initiators, in two look-ups. */
public final class ListIncomingSessionsService implements ListIncomingSessionsUseCase {
    private final Sessions sessions;
    private final Users users;

    public ListIncomingSessionsService(Sessions sessions, Users users) {
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    public List<IncomingSession> incoming(Caller caller) {
        List<DmSession> pending = sessions.listPendingFor(caller.deviceId());
        Map<UserId, User> initiators = users.findByIds(pending.stream().map(DmSession::initiatorUserId).distinct().toList());
        return pending.stream().map(session -> {
            User initiator = initiators.get(session.initiatorUserId());
            return new IncomingSession(session.id(), session.sessionId(), session.initiatorUserId(),
                    session.initiatorDeviceId(), initiator.convroNumber(), initiator.username(),
                    session.handshakeOfferJson(), session.createdAt());
        }).toList();
    }
}
