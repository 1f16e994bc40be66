package io.convro.adapter.inmemory.prekeys;

import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.KeyId;

/** Primary key of {@code one_time_prekeys}: keyIds are unique per device. */
record DeviceKeyId(DeviceId device, KeyId keyId) {
}
