package io.convro.application.sessions;

import io.convro.application.users.Users;
import io.convro.domain.session.DmSession;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import java.util.List;
import java.util.Map;

/** A page of the PENDING sessions waiting for the caller's device, with their initiators, in two look-ups. */
public final class ListIncomingSessionsService implements ListIncomingSessionsUseCase {
    private final Sessions sessions;
    private final Users users;

    public ListIncomingSessionsService(Sessions sessions, Users users) {
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    public IncomingSessionsPage incoming(IncomingSessionsQuery query) {
        // one more than the page: whether it exists is hasMore
        List<DmSession> pending = sessions.listPendingFor(query.caller().deviceId(), query.afterSessionDbId(), query.limit() + 1);
        boolean hasMore = pending.size() > query.limit();
        List<DmSession> page = hasMore ? pending.subList(0, query.limit()) : pending;
        Map<UserId, User> initiators = users.findByIds(page.stream().map(DmSession::initiatorUserId).distinct().toList());
        return new IncomingSessionsPage(page.stream().map(session -> {
            User initiator = initiators.get(session.initiatorUserId());
            return new IncomingSession(session.id(), session.sessionId(), session.initiatorUserId(),
                    session.initiatorDeviceId(), initiator.convroNumber(), initiator.username(),
                    session.handshakeOfferJson(), session.createdAt());
        }).toList(), hasMore);
    }
}
