package io.convro.adapter.inmemory.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.adapter.inmemory.Concurrently;
import io.convro.adapter.inmemory.StoreFixture;
import io.convro.application.auth.RefreshToken;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryRefreshTokensTest {
    private final StoreFixture fixture = new StoreFixture();
    private final InMemoryRefreshTokens tokens = fixture.stores.refreshTokens();
    private final User owner = fixture.user();
    private final Device phone = fixture.device(owner);
    private final Device laptop = fixture.device(owner);

    @Test
    void ofTwentyRacingRevocationsExactlyOneWins() throws InterruptedException {
        tokens.insert(token("aa", phone));
        Instant at = fixture.clock.now();

        List<Object> outcomes = Concurrently.run(20, () -> tokens.revokeIfActive("aa", at));

        assertThat(outcomes).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(outcomes).filteredOn(Boolean.FALSE::equals).hasSize(19);
        assertThat(tokens.findByJti("aa")).map(RefreshToken::revokedAt).contains(at);
    }

    @Test
    void anUnknownOrRevokedTokenIsNotRevokedAgain() {
        tokens.insert(token("aa", phone));
        Instant first = fixture.clock.now();
        tokens.revokeIfActive("aa", first);

        assertThat(tokens.revokeIfActive("aa", fixture.clock.advance(Duration.ofSeconds(1)))).isFalse();
        assertThat(tokens.revokeIfActive("zz", first)).isFalse();
        assertThat(tokens.findByJti("aa")).map(RefreshToken::revokedAt).contains(first);
    }

    @Test
    void revokeAllForDeviceCountsOnlyTokensStillActive() {
        tokens.insert(token("a1", phone));
        tokens.insert(token("a2", phone));
        tokens.insert(token("b1", laptop));
        tokens.revokeIfActive("a1", fixture.clock.now());

        assertThat(tokens.revokeAllForDevice(phone.id(), fixture.clock.now())).isEqualTo(1);
        assertThat(tokens.findByJti("a2")).map(RefreshToken::revoked).contains(true);
        assertThat(tokens.findByJti("b1")).map(RefreshToken::revoked).contains(false);
    }

    @Test
    void revokeAllForUserReachesEveryDeviceOfTheUserOnly() {
        Device stranger = fixture.device(fixture.user());
        tokens.insert(token("a1", phone));
        tokens.insert(token("b1", laptop));
        tokens.insert(token("c1", stranger));

        assertThat(tokens.revokeAllForUser(owner.id(), fixture.clock.now())).isEqualTo(2);
        assertThat(tokens.findByJti("c1")).map(RefreshToken::revoked).contains(false);
    }

    @Test
    void aTokenOfAnUnknownDeviceIsAForeignKeyViolation() {
        Device ghost = Device.register(new DeviceId("00000000000000ee"), owner.id(), null, null, fixture.clock.now());

        assertThatThrownBy(() -> tokens.insert(token("gg", ghost))).isInstanceOf(IllegalStateException.class);
    }

    private RefreshToken token(String jti, Device device) {
        return new RefreshToken(jti, device.userId(), device.id(), "sha256-of-secret", fixture.clock.now(),
                fixture.clock.now().plus(Duration.ofDays(30)), null);
    }
}
