package io.convro.application.sessions;

import io.convro.application.shared.Caller;
import io.convro.domain.session.HandshakeOffer;
import io.convro.domain.user.UserId;

/** Open a DM session with a device of {@code peerUserId} by sending it a handshake offer. */
public record OpenSessionCommand(Caller caller, UserId peerUserId, HandshakeOffer offer) {
}
