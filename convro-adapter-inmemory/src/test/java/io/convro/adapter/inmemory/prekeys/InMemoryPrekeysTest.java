package io.convro.adapter.inmemory.prekeys;

import static io.convro.adapter.inmemory.StoreFixture.identity;
import static io.convro.adapter.inmemory.StoreFixture.keyId;
import static io.convro.adapter.inmemory.StoreFixture.oneTimePrekey;
import static io.convro.adapter.inmemory.StoreFixture.signedPrekey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.adapter.inmemory.Concurrently;
import io.convro.adapter.inmemory.StoreFixture;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryPrekeysTest {
    private final StoreFixture fixture = new StoreFixture();
    private final InMemoryPrekeys prekeys = fixture.stores.prekeys();
    private final User owner = fixture.user();
    private final Device device = fixture.device(owner);

    @Test
    void fiftyConcurrentFetchesOfTwentyPrekeysHandOutEachOnceAndThirtyEmpties() throws InterruptedException {
        List<OneTimePrekey> uploaded = IntStream.rangeClosed(1, 20).mapToObj(StoreFixture::oneTimePrekey).toList();
        prekeys.addOneTimePrekeys(device.id(), uploaded, fixture.clock.now());

        List<Object> outcomes = Concurrently.run(50, () -> prekeys.consumeOne(device.id(), fixture.clock.now()));

        List<Object> handedOut = outcomes.stream().map(o -> (Optional<?>) o).filter(Optional::isPresent).<Object>map(Optional::get).toList();
        assertThat(handedOut).hasSize(20).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(uploaded);
        assertThat(outcomes).filteredOn(o -> ((Optional<?>) o).isEmpty()).hasSize(30);
        assertThat(prekeys.countAvailable(device.id())).isZero();
    }

    @Test
    void theOldestPrekeyIsHandedOutFirst() {
        prekeys.addOneTimePrekeys(device.id(), List.of(oneTimePrekey(9), oneTimePrekey(3)), fixture.clock.now());
        fixture.clock.advance(Duration.ofSeconds(1));
        prekeys.addOneTimePrekeys(device.id(), List.of(oneTimePrekey(1)), fixture.clock.now());

        assertThat(prekeys.consumeOne(device.id(), fixture.clock.now())).contains(oneTimePrekey(9));
        assertThat(prekeys.consumeOne(device.id(), fixture.clock.now())).contains(oneTimePrekey(3));
        assertThat(prekeys.consumeOne(device.id(), fixture.clock.now())).contains(oneTimePrekey(1));
        assertThat(prekeys.consumeOne(device.id(), fixture.clock.now())).isEmpty();
    }

    @Test
    void keyIdsOfConsumedPrekeysStayKnownAndAreNotStoredAgain() {
        prekeys.addOneTimePrekeys(device.id(), List.of(oneTimePrekey(1), oneTimePrekey(2)), fixture.clock.now());
        prekeys.consumeOne(device.id(), fixture.clock.now());

        assertThat(prekeys.knownKeyIds(device.id(), List.of(keyId(1), keyId(2), keyId(3)))).containsExactlyInAnyOrder(keyId(1), keyId(2));
        assertThat(prekeys.addOneTimePrekeys(device.id(), List.of(oneTimePrekey(1), oneTimePrekey(3)), fixture.clock.now())).isEqualTo(1);
        assertThat(prekeys.countAvailable(device.id())).isEqualTo(2);
    }

    @Test
    void aKeyIdRepeatedInOneUploadIsStoredOnce() {
        assertThat(prekeys.addOneTimePrekeys(device.id(), List.of(oneTimePrekey(1), oneTimePrekey(1)), fixture.clock.now())).isEqualTo(1);
    }

    @Test
    void keyIdsAreUniquePerDeviceNotAcrossDevices() {
        Device other = fixture.device(owner);
        prekeys.addOneTimePrekeys(device.id(), List.of(oneTimePrekey(1)), fixture.clock.now());

        assertThat(prekeys.knownKeyIds(other.id(), List.of(keyId(1)))).isEmpty();
        assertThat(prekeys.addOneTimePrekeys(other.id(), List.of(oneTimePrekey(1)), fixture.clock.now())).isEqualTo(1);
    }

    @Test
    void identityAndSignedPrekeyAreReplacedByNewerOnes() {
        prekeys.saveIdentity(device.id(), identity(1), fixture.clock.now());
        prekeys.saveSignedPrekey(device.id(), signedPrekey(1), fixture.clock.now());
        prekeys.saveIdentity(device.id(), identity(2), fixture.clock.now());
        prekeys.saveSignedPrekey(device.id(), signedPrekey(2), fixture.clock.now());

        assertThat(prekeys.findIdentity(device.id())).contains(identity(2));
        assertThat(prekeys.findSignedPrekey(device.id())).contains(signedPrekey(2));
    }

    @Test
    void theFirstDeviceWithPrekeysIsTheOldestActiveOneHavingIdentityAndSignedPrekey() {
        Device removed = device;
        fixture.clock.advance(Duration.ofSeconds(1));
        Device identityOnly = fixture.device(owner);
        fixture.clock.advance(Duration.ofSeconds(1));
        Device complete = fixture.device(owner);
        fixture.clock.advance(Duration.ofSeconds(1));
        Device newerComplete = fixture.device(owner);
        for (Device each : List.of(removed, complete, newerComplete)) {
            prekeys.saveIdentity(each.id(), identity(1), fixture.clock.now());
            prekeys.saveSignedPrekey(each.id(), signedPrekey(1), fixture.clock.now());
        }
        prekeys.saveIdentity(identityOnly.id(), identity(1), fixture.clock.now());
        fixture.stores.devices().update(removed.removed());

        assertThat(prekeys.firstActiveDeviceWithPrekeys(owner.id())).contains(complete.id());
        assertThat(prekeys.firstActiveDeviceWithPrekeys(fixture.user().id())).isEmpty();
    }

    @Test
    void deleteAllForgetsIdentitySignedAndOneTimePrekeysConsumedOrNot() {
        Device other = fixture.device(owner);
        for (Device each : List.of(device, other)) {
            prekeys.saveIdentity(each.id(), identity(1), fixture.clock.now());
            prekeys.saveSignedPrekey(each.id(), signedPrekey(1), fixture.clock.now());
            prekeys.addOneTimePrekeys(each.id(), List.of(oneTimePrekey(1), oneTimePrekey(2)), fixture.clock.now());
        }
        prekeys.consumeOne(device.id(), fixture.clock.now());

        prekeys.deleteAll(device.id());

        assertThat(prekeys.findIdentity(device.id())).isEmpty();
        assertThat(prekeys.findSignedPrekey(device.id())).isEmpty();
        assertThat(prekeys.knownKeyIds(device.id(), List.of(keyId(1), keyId(2)))).isEmpty();
        assertThat(prekeys.countAvailable(other.id())).isEqualTo(2);
        assertThat(prekeys.findIdentity(other.id())).isPresent();
    }

    @Test
    void prekeysOfAnUnknownDeviceAreAForeignKeyViolation() {
        DeviceId ghost = new DeviceId("00000000000000dd");

        assertThatThrownBy(() -> prekeys.addOneTimePrekeys(ghost, List.of(oneTimePrekey(1)), fixture.clock.now()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> prekeys.saveIdentity(ghost, identity(1), fixture.clock.now()))
                .isInstanceOf(IllegalStateException.class);
    }
}
