package io.convro.domain.session;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import java.util.List;

/** One rule a send must pass, in the order a client is told about them. */
@FunctionalInterface
interface SendPolicy {
    void check(DmSession session, DeviceId sender, DeviceId recipient);

    SendPolicy SENDER_IS_MEMBER = (session, sender, recipient) -> {
        if (!session.hasMember(sender)) {
            throw new DomainException(ErrorCode.SESSION_NOT_FOUND, "no session with that id for this device", "sessionId");
        }
    };
    SendPolicy RECIPIENT_IS_PEER = (session, sender, recipient) -> {
        if (!session.peerOf(sender).equals(recipient)) {
            throw new DomainException(ErrorCode.INVALID_RECIPIENT, "recipientDeviceId must be the other device of the session", "recipientDeviceId");
        }
    };
    SendPolicy SESSION_IS_ACTIVE = (session, sender, recipient) -> {
        if (session.state() != SessionState.ACTIVE) {
            throw new DomainException(ErrorCode.SESSION_NOT_ACTIVE, "the session is " + session.state());
        }
    };

    List<SendPolicy> ALL = List.of(SENDER_IS_MEMBER, RECIPIENT_IS_PEER, SESSION_IS_ACTIVE);
}
