package io.convro.application.sessions;

/** In-port: PENDING sessions whose responder is the caller's device, oldest first, a page at a time. */
public interface ListIncomingSessionsUseCase {
    IncomingSessionsPage incoming(IncomingSessionsQuery query);
}
