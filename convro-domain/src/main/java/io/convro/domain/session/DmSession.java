package io.convro.domain.session;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;

/**
 * A direct-message session between two devices. It decides who may accept it and who may send in
 * it; it does not save itself: use cases persist what its methods return.
 *
 * @param id the server id, {@code null} until stored
 */
public record DmSession(SessionDbId id, SessionId sessionId, UserId initiatorUserId, DeviceId initiatorDeviceId,
                        UserId responderUserId, DeviceId responderDeviceId, String handshakeOfferJson,
                        SessionState state, Instant createdAt, Instant acceptedAt) {

    public static DmSession open(HandshakeOffer offer, UserId initiator, UserId responder, Instant now) {
        return new DmSession(null, offer.sessionId(), initiator, offer.initiatorDeviceId(), responder,
                offer.responderDeviceId(), offer.json(), SessionState.PENDING, now, null);
    }

    public DmSession withId(SessionDbId newId) {
        return new DmSession(newId, sessionId, initiatorUserId, initiatorDeviceId, responderUserId, responderDeviceId,
                handshakeOfferJson, state, createdAt, acceptedAt);
    }

    public boolean hasMember(DeviceId device) {
        return initiatorDeviceId.equals(device) || responderDeviceId.equals(device);
    }

    /** The role of a member device; callers check {@link #hasMember} first. */
    public SessionRole roleOf(DeviceId device) {
        return initiatorDeviceId.equals(device) ? SessionRole.INITIATOR : SessionRole.RESPONDER;
    }

    /** The other device of the session, seen from {@code device}. */
    public DeviceId peerOf(DeviceId device) {
        return initiatorDeviceId.equals(device) ? responderDeviceId : initiatorDeviceId;
    }

    public UserId peerUserOf(DeviceId device) {
        return initiatorDeviceId.equals(device) ? responderUserId : initiatorUserId;
    }

    /**
     * Accept as {@code by}. Only the responder device may; accepting an ACTIVE session again is a no-op
     * that returns the session unchanged; a CLOSED session cannot be accepted.
     */
    public DmSession acceptBy(DeviceId by, Instant now) {
        if (!responderDeviceId.equals(by)) {
            throw new DomainException(ErrorCode.SESSION_NOT_FOUND, "no pending session with that id for this device", "sessionDbId");
        }
        return switch (state) {
            case ACTIVE -> this;
            case CLOSED -> throw new DomainException(ErrorCode.SESSION_NOT_ACTIVE, "the session is closed");
            case PENDING -> new DmSession(id, sessionId, initiatorUserId, initiatorDeviceId, responderUserId,
                    responderDeviceId, handshakeOfferJson, SessionState.ACTIVE, createdAt, now);
        };
    }

    /**
     * Decide whether {@code sender} may send to {@code recipient} in this session: every send policy, in the order a
     * client is told about them (membership, recipient, state), the first refusal wins. See {@link SendVerdict} for
     * what a refusal means to a send that repeats a stored message.
     */
    public SendVerdict decideSend(DeviceId sender, DeviceId recipient) {
        for (SendPolicy policy : SendPolicy.ALL) {
            SendVerdict verdict = policy.verdict(this, sender, recipient);
            if (verdict != SendVerdict.ALLOWED) {
                return verdict;
            }
        }
        return SendVerdict.ALLOWED;
    }

    /** {@link #decideSend}, a refusal thrown: for a caller that answered repeats already. */
    public void checkSend(DeviceId sender, DeviceId recipient) {
        decideSend(sender, recipient).orThrow();
    }

    /**
     * This session as the store found it when it refused a send that this copy allowed: no longer ACTIVE, and since
     * a state only moves on, CLOSED.
     */
    public DmSession foundNotActive() {
        if (state != SessionState.ACTIVE) {
            throw new IllegalStateException("only an ACTIVE copy can be found no longer active, not a " + state + " one");
        }
        return closed();
    }

    public DmSession closed() {
        return new DmSession(id, sessionId, initiatorUserId, initiatorDeviceId, responderUserId, responderDeviceId,
                handshakeOfferJson, SessionState.CLOSED, createdAt, acceptedAt);
    }
}
