package io.convro.domain.session;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/**
 * How many PENDING sessions may wait for one device. Every pending session is a handshake offer (up to 8 KiB) that
 * anyone may plant on any device and that only its responder can clear by accepting it, so the offers waiting for
 * one device are bounded, and one initiator device may hold only a few of them: a stranger cannot take a device's
 * whole allowance alone.
 *
 * @param perResponder     PENDING sessions waiting for one device, from everyone
 * @param perInitiator     PENDING sessions from one device to one device
 */
public record PendingSessionLimits(int perResponder, int perInitiator) {
    /** A device that accepts its sessions never comes near these; they bound what a stranger can leave. */
    public static final PendingSessionLimits DEFAULT = new PendingSessionLimits(100, 5);

    public PendingSessionLimits {
        if (perResponder < 1 || perInitiator < 1 || perInitiator > perResponder) {
            throw new IllegalArgumentException("limits must be positive, per initiator at most per responder");
        }
    }

    /**
     * Whether one more session may be opened, given what is PENDING now: {@code TOO_MANY_PENDING_SESSIONS} if not.
     *
     * @param waitingForResponder PENDING sessions whose responder is the new session's responder device
     * @param fromInitiator       of those, the ones opened by the new session's initiator device
     */
    public void checkRoomFor(long waitingForResponder, long fromInitiator) {
        if (fromInitiator >= perInitiator) {
            throw new DomainException(ErrorCode.TOO_MANY_PENDING_SESSIONS, "this device already has " + fromInitiator
                    + " sessions waiting for that device to accept them");
        }
        if (waitingForResponder >= perResponder) {
            throw new DomainException(ErrorCode.TOO_MANY_PENDING_SESSIONS, "that device has " + waitingForResponder
                    + " sessions waiting to be accepted");
        }
    }
}
