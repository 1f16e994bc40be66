package io.convro.application.sessions;

import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;

/** A session after acceptance (ACTIVE). */
public record AcceptedSession(SessionDbId sessionDbId, SessionId sessionId, SessionState state) {
}
