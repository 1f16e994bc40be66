package io.convro.application.prekeys;

import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.KeyId;

/** The caller device's prekey stock. {@code signedPrekeyId} is null before the first upload. */
public record PrekeyStatus(DeviceId deviceId, boolean identityUploaded, KeyId signedPrekeyId, int oneTimePrekeysAvailable) {
}
