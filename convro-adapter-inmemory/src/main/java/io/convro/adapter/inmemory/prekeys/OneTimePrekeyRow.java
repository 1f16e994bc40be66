package io.convro.adapter.inmemory.prekeys;

import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.OneTimePrekey;
import java.time.Instant;

/** A row of {@code one_time_prekeys}: kept after consumption so its keyId is never accepted again. */
record OneTimePrekeyRow(DeviceId device, OneTimePrekey prekey, Instant createdAt, Instant consumedAt) {
    boolean available() {
        return consumedAt == null;
    }

    OneTimePrekeyRow consumed(Instant at) {
        return new OneTimePrekeyRow(device, prekey, createdAt, at);
    }
}
