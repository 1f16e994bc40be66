package io.convro.adapter.inmemory.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.adapter.inmemory.Concurrently;
import io.convro.adapter.inmemory.StoreFixture;
import io.convro.application.auth.RefreshToken;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryRefreshTokensTest {
    private static final String SECRET_HASH = "0123456789abcdef".repeat(4);
    private final StoreFixture fixture = new StoreFixture();
    private final InMemoryRefreshTokens tokens = fixture.stores.refreshTokens();
    private final User owner = fixture.user();
    private final Device phone = fixture.device(owner);
    private final Device laptop = fixture.device(owner);

    @Test
    void ofTwentyRacingRevocationsExactlyOneWins() throws InterruptedException {
        tokens.insert(token("aaaaaaaa", phone));
        Instant at = fixture.clock.now();

        List<Object> outcomes = Concurrently.run(20, () -> tokens.revokeIfActive("aaaaaaaa", at));

        assertThat(outcomes).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(outcomes).filteredOn(Boolean.FALSE::equals).hasSize(19);
        assertThat(tokens.findByJti("aaaaaaaa")).map(RefreshToken::revokedAt).contains(at);
    }

    @Test
    void anUnknownOrRevokedTokenIsNotRevokedAgain() {
        tokens.insert(token("aaaaaaaa", phone));
        Instant first = fixture.clock.now();
        tokens.revokeIfActive("aaaaaaaa", first);

        assertThat(tokens.revokeIfActive("aaaaaaaa", fixture.clock.advance(Duration.ofSeconds(1)))).isFalse();
        assertThat(tokens.revokeIfActive("ffffffff", first)).isFalse();
        assertThat(tokens.findByJti("aaaaaaaa")).map(RefreshToken::revokedAt).contains(first);
    }

    @Test
    void revokeAllForDeviceCountsOnlyTokensStillActive() {
        tokens.insert(token("a1a1a1a1", phone));
        tokens.insert(token("a2a2a2a2", phone));
        tokens.insert(token("b1b1b1b1", laptop));
        tokens.revokeIfActive("a1a1a1a1", fixture.clock.now());

        assertThat(tokens.revokeAllForDevice(phone.id(), fixture.clock.now())).isEqualTo(1);
        assertThat(tokens.findByJti("a2a2a2a2")).map(RefreshToken::revoked).contains(true);
        assertThat(tokens.findByJti("b1b1b1b1")).map(RefreshToken::revoked).contains(false);
    }

    @Test
    void revokeAllForUserReachesEveryDeviceOfTheUserOnly() {
        Device stranger = fixture.device(fixture.user());
        tokens.insert(token("a1a1a1a1", phone));
        tokens.insert(token("b1b1b1b1", laptop));
        tokens.insert(token("c1c1c1c1", stranger));

        assertThat(tokens.revokeAllForUser(owner.id(), fixture.clock.now())).isEqualTo(2);
        assertThat(tokens.findByJti("c1c1c1c1")).map(RefreshToken::revoked).contains(false);
    }

    @Test
    void aTokenOfAnUnknownDeviceIsAForeignKeyViolation() {
        Device ghost = Device.register(new DeviceId("00000000000000ee"), owner.id(), null, null, fixture.clock.now());

        assertThatThrownBy(() -> tokens.insert(token("eeeeeeee", ghost))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTokenOfAnUnknownUserIsAForeignKeyViolation() {
        RefreshToken token = new RefreshToken("0a0a0a0a", UserId.of(404), phone.id(), SECRET_HASH, fixture.clock.now(),
                fixture.clock.now().plus(Duration.ofDays(30)), null);

        assertThatThrownBy(() -> tokens.insert(token)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyHexJtisAndHexSha256HashesAreStoredSoARawSecretCannotBe() {
        RefreshToken badJti = new RefreshToken("jti-1", owner.id(), phone.id(), SECRET_HASH, fixture.clock.now(),
                fixture.clock.now().plus(Duration.ofDays(30)), null);
        RefreshToken rawSecret = new RefreshToken("0b0b0b0b", owner.id(), phone.id(), "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA",
                fixture.clock.now(), fixture.clock.now().plus(Duration.ofDays(30)), null);

        assertThatThrownBy(() -> tokens.insert(badJti)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tokens.insert(rawSecret)).isInstanceOf(IllegalStateException.class);
        assertThat(tokens.findByJti("0b0b0b0b")).isEmpty();
    }

    private RefreshToken token(String jti, Device device) {
        return new RefreshToken(jti, device.userId(), device.id(), SECRET_HASH, fixture.clock.now(),
                fixture.clock.now().plus(Duration.ofDays(30)), null);
    }
}
