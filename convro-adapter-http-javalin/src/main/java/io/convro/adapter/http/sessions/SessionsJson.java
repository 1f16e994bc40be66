package io.convro.adapter.http.sessions;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.convro.application.sessions.AcceptedSession;
import io.convro.application.sessions.IncomingSession;
import io.convro.application.sessions.OpenedSession;
import io.convro.domain.WireTime;
import java.util.List;

/** Response bodies of the session routes (API.md §5). */
final class SessionsJson {
    private SessionsJson() {
    }

    record Opened(boolean ok, long sessionDbId, String sessionId, long responderUserId, String responderDeviceId,
                  String state) {
        static Opened of(OpenedSession session) {
            return new Opened(true, session.sessionDbId().value(), session.sessionId().value(),
                    session.responderUserId().value(), session.responderDeviceId().value(), session.state().name());
        }
    }

    /** {@code handshakeOffer} is written as the stored JSON itself, byte for byte what the initiator sent. */
    record Incoming(long sessionDbId, String sessionId, long initiatorUserId, String initiatorDeviceId,
                    String initiatorConvroNumber, String initiatorUsername, @JsonRawValue String handshakeOffer,
                    String createdAt) {
        static Incoming of(IncomingSession session) {
            return new Incoming(session.sessionDbId().value(), session.sessionId().value(),
                    session.initiatorUserId().value(), session.initiatorDeviceId().value(),
                    session.initiatorConvroNumber().value(),
                    session.initiatorUsername() == null ? null : session.initiatorUsername().value(),
                    session.handshakeOfferJson(), WireTime.format(session.createdAt()));
        }
    }

    record IncomingList(List<Incoming> sessions, boolean hasMore) {
    }

    record Accepted(boolean ok, long sessionDbId, String sessionId, String state) {
        static Accepted of(AcceptedSession session) {
            return new Accepted(true, session.sessionDbId().value(), session.sessionId().value(), session.state().name());
        }
    }
}
