package io.convro.adapter.inmemory.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.adapter.inmemory.StoreFixture;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryDevicesTest {
    private final StoreFixture fixture = new StoreFixture();
    private final InMemoryDevices devices = fixture.stores.devices();

    @Test
    void aDeviceIdIsUniqueAcrossUsers() {
        Device taken = fixture.device(fixture.user());
        User other = fixture.user();

        assertThatThrownBy(() -> devices.insert(Device.register(taken.id(), other.id(), Platform.WEB, null, fixture.clock.now())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_ID_TAKEN));
        assertThat(devices.findById(taken.id())).contains(taken);
    }

    @Test
    void aDeviceOfAnUnknownUserIsAForeignKeyViolation() {
        Device orphan = Device.register(new DeviceId("00000000000000aa"), UserId.of(404), Platform.IOS, null, fixture.clock.now());

        assertThatThrownBy(() -> devices.insert(orphan)).isInstanceOf(IllegalStateException.class);
        assertThat(devices.findById(orphan.id())).isEmpty();
    }

    @Test
    void listByUserGivesOldestFirstAndSameMillisecondInInsertionOrder() {
        User owner = fixture.user();
        fixture.clock.advance(Duration.ofMinutes(1));
        Device newer = insert(owner, "00000000000000f1");
        fixture.clock.advance(Duration.ofMinutes(-1));
        Device sameTimeFirst = insert(owner, "00000000000000f9");
        Device sameTimeSecond = insert(owner, "00000000000000f2");
        fixture.device(fixture.user());

        assertThat(devices.listByUser(owner.id())).containsExactly(sameTimeFirst, sameTimeSecond, newer);
    }

    @Test
    void removedDevicesAreListedButNotCountedActive() {
        User owner = fixture.user();
        Device kept = fixture.device(owner);
        Device removed = fixture.device(owner);
        devices.update(removed.removed());

        assertThat(devices.countActive(owner.id())).isEqualTo(1);
        assertThat(devices.listByUser(owner.id())).extracting(Device::id).containsExactly(kept.id(), removed.id());
    }

    @Test
    void updateWritesTheMutableColumnsAndKeepsOwnerAndCreationTime() {
        User owner = fixture.user();
        Device device = fixture.device(owner);
        Device forged = new Device(device.id(), fixture.user().id(), Platform.ANDROID, new DeviceLabel("phone"),
                Instant.EPOCH, Instant.EPOCH.plusSeconds(5), false, 3);

        devices.update(forged);

        assertThat(devices.findById(device.id())).contains(new Device(device.id(), owner.id(), Platform.ANDROID,
                new DeviceLabel("phone"), device.createdAt(), Instant.EPOCH.plusSeconds(5), false, 3));
    }

    @Test
    void updatingADeviceNeverStoredIsABug() {
        Device ghost = Device.register(new DeviceId("00000000000000bb"), fixture.user().id(), Platform.IOS, null, fixture.clock.now());

        assertThatThrownBy(() -> devices.update(ghost)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void touchRecordsLastSeen() {
        Device device = fixture.device(fixture.user());
        Instant seen = fixture.clock.advance(Duration.ofMinutes(3));

        devices.touch(device.id(), seen);
        devices.touch(new DeviceId("00000000000000cc"), seen);

        assertThat(devices.findById(device.id())).map(Device::lastSeenAt).contains(seen);
    }

    private Device insert(UserId owner, String id) {
        Device device = Device.register(new DeviceId(id), owner, Platform.UNKNOWN, null, fixture.clock.now());
        devices.insert(device);
        return device;
    }

    private Device insert(User owner, String id) {
        return insert(owner.id(), id);
    }
}
