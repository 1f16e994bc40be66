package io.convro.application.sessions;

import io.convro.application.shared.Caller;
import java.util.List;

/** In-port: PENDING sessions whose responder is the caller's device, oldest first. */
public interface ListIncomingSessionsUseCase {
    List<IncomingSession> incoming(Caller caller);
}
