package io.convro.application.prekeys;

import io.convro.application.shared.Caller;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;

/** Fetch a bundle of {@code userId}'s device {@code deviceId}, or of their first device with prekeys when null. */
public record FetchPrekeyBundleQuery(Caller caller, UserId userId, DeviceId deviceId) {
}
