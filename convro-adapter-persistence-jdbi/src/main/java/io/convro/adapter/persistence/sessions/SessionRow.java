package io.convro.adapter.persistence.sessions;

import io.convro.adapter.persistence.Millis;
import io.convro.domain.device.DeviceId;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.UserId;

/**
 * A {@code dm_sessions} row, and its explicit mapping to and from the domain's {@link DmSession}.
 * Public only because JDBI binds and maps it reflectively; not an API of the adapter.
 */
public record SessionRow(long id, String sessionId, long initiatorUserId, String initiatorDeviceId, long responderUserId,
                  String responderDeviceId, String handshakeOffer, String state, long createdAt, Long acceptedAt) {

    static SessionRow of(DmSession session) {
        return new SessionRow(session.id() == null ? 0 : session.id().value(), session.sessionId().value(),
                session.initiatorUserId().value(), session.initiatorDeviceId().value(), session.responderUserId().value(),
                session.responderDeviceId().value(), session.handshakeOfferJson(), session.state().name(),
                Millis.of(session.createdAt()), Millis.of(session.acceptedAt()));
    }

    DmSession toDomain() {
        return new DmSession(new SessionDbId(id), SessionId.parse(sessionId), UserId.of(initiatorUserId),
                DeviceId.parse(initiatorDeviceId), UserId.of(responderUserId), DeviceId.parse(responderDeviceId),
                handshakeOffer, SessionState.valueOf(state), Millis.toInstant(createdAt), Millis.toInstant(acceptedAt));
    }
}
