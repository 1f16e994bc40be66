package io.convro.domain.session;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import java.util.List;

/** One rule a send must pass, in the order a client is told about them: its verdict, {@link SendVerdict#ALLOWED} when it passes. */
@FunctionalInterface
interface SendPolicy {
    SendVerdict verdict(DmSession session, DeviceId sender, DeviceId recipient);

    SendPolicy SENDER_IS_MEMBER = (session, sender, recipient) -> session.hasMember(sender) ? SendVerdict.ALLOWED
            : new SendVerdict.NotAMember(new DomainException(ErrorCode.SESSION_NOT_FOUND,
                    "no such session for this device", "sessionId"));
    SendPolicy RECIPIENT_IS_PEER = (session, sender, recipient) -> session.peerOf(sender).equals(recipient)
            ? SendVerdict.ALLOWED
            : new SendVerdict.Refused(new DomainException(ErrorCode.INVALID_RECIPIENT,
                    "recipientDeviceId must be the other device of the session", "recipientDeviceId"));
    SendPolicy SESSION_IS_ACTIVE = (session, sender, recipient) -> session.state() == SessionState.ACTIVE
            ? SendVerdict.ALLOWED
            : new SendVerdict.Refused(new DomainException(ErrorCode.SESSION_NOT_ACTIVE, "the session is " + session.state()));

    List<SendPolicy> ALL = List.of(SENDER_IS_MEMBER, RECIPIENT_IS_PEER, SESSION_IS_ACTIVE);
}
