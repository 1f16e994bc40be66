package io.convro.application.sessions;

/**
 * In-port: open a PENDING session; the responder device gets {@code dm:session:incoming}. Rejections:
 * {@code INITIATOR_DEVICE_MISMATCH} (offer's initiator is not the caller's device),
 * {@code INITIATOR_DEVICE_NOT_FOUND}, {@code RESPONDER_DEVICE_NOT_FOUND} (not an active device of the peer),
 * {@code INVALID_HANDSHAKE_OFFER} (responder is the caller's own device), {@code SESSION_ID_EXISTS}.
 */
public interface OpenSessionUseCase {
    OpenedSession open(OpenSessionCommand command);
}
