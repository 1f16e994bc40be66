package io.convro.application.sessions;

import io.convro.domain.device.DeviceId;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.UserId;

/** A session just opened (PENDING). */
public record OpenedSession(SessionDbId sessionDbId, SessionId sessionId, UserId responderUserId,
                            DeviceId responderDeviceId, SessionState state) {
}
