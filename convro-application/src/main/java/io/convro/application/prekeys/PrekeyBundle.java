package io.convro.application.prekeys;

import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;

/** What an initiator needs to start a handshake with a device. {@code oneTimePrekey} is null when none was left. */
public record PrekeyBundle(DeviceId responderDeviceId, IdentityKey identity, SignedPrekey signedPrekey,
                           OneTimePrekey oneTimePrekey) {
}
