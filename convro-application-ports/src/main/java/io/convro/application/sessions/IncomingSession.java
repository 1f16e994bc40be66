package io.convro.application.sessions;

import io.convro.domain.device.DeviceId;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.time.Instant;

/** A PENDING session waiting for the caller's device, with the offer exactly as the initiator sent it. */
public record IncomingSession(SessionDbId sessionDbId, SessionId sessionId, UserId initiatorUserId,
                              DeviceId initiatorDeviceId, ConvroNumber initiatorConvroNumber, Username initiatorUsername,
                              String handshakeOfferJson, Instant createdAt) {
}
