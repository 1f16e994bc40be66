package io.convro.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeviceStandingsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.000Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final DeviceStandings standings = new DeviceStandings(now::get);
    private final Device device = Device.register(DeviceId.parse("00000000000000d1"), UserId.of(1), Platform.IOS, null, T0);

    @Test
    void aRememberedDeviceIsTrustedForLessThanMaxAge() {
        standings.remember(device, T0);

        assertThat(standings.recent(device.id(), T0.plus(DeviceStandings.MAX_AGE).minusMillis(1))).contains(device);
        assertThat(standings.recent(device.id(), T0.plus(DeviceStandings.MAX_AGE))).isEmpty();
    }

    @Test
    void aReadThatStartedBeforeTheRevocationIsNotRemembered() {
        Instant readStarted = T0;
        now.set(T0.plusMillis(5));
        standings.forget(device.id()); // the revocation lands while the read is under way

        standings.remember(device, readStarted);
        assertThat(standings.recent(device.id(), T0.plusMillis(6))).isEmpty();

        standings.remember(device, T0.plusMillis(6)); // a read after it is remembered again
        assertThat(standings.recent(device.id(), T0.plusMillis(7))).contains(device);
    }

    @Test
    void seeingADeviceUpdatesItsCopyButNotItsAge() {
        standings.remember(device, T0);
        standings.seen(device.id(), T0.plusMillis(500));

        assertThat(standings.recent(device.id(), T0.plusMillis(600)).orElseThrow().lastSeenAt()).isEqualTo(T0.plusMillis(500));
        assertThat(standings.recent(device.id(), T0.plus(DeviceStandings.MAX_AGE))).isEmpty();
    }
}
