package io.convro.application.sessions;

import io.convro.application.shared.Caller;
import io.convro.domain.session.SessionDbId;

/** Accept the session {@code sessionDbId} as its responder device. */
public record AcceptSessionCommand(Caller caller, SessionDbId sessionDbId) {
}
