package io.convro.application.sessions;

/**
 * In-port: the responder device accepts; the initiator device gets {@code dm:session:accepted}. Accepting
 * an ACTIVE session again answers the same. Unknown, or caller not the responder: {@code SESSION_NOT_FOUND};
 * CLOSED: {@code SESSION_NOT_ACTIVE}.
 */
public interface AcceptSessionUseCase {
    AcceptedSession accept(AcceptSessionCommand command);
}
