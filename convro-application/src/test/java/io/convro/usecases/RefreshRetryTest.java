package io.convro.usecases;

import static io.convro.usecases.Rejections.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.ConvroApplication;
import io.convro.application.auth.AuthSession;
import io.convro.application.auth.LogOutCommand;
import io.convro.application.auth.LogoutScope;
import io.convro.application.auth.RefreshTokenService;
import io.convro.application.auth.RefreshedTokens;
import io.convro.domain.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A refresh that comes again (a retry after a lost answer, refreshes queued behind an outage) gets the pair the
 * rotation handed out, within the grace window, and never trips the reuse alarm that would revoke the family.
 */
class RefreshRetryTest {
    private final TestConvro convro = new TestConvro();

    private RefreshedTokens refresh(String token) {
        return convro.app.refreshToken().refresh(token);
    }

    @Test
    void aRetryWithinTheGraceGetsTheSamePairByteForByte() {
        AuthSession alice = convro.register("alice");
        RefreshedTokens first = refresh(alice.refreshToken());

        convro.clock.advance(RefreshTokenService.RETRY_GRACE.minusSeconds(1));
        RefreshedTokens retried = refresh(alice.refreshToken());

        assertThat(retried.refreshToken()).isEqualTo(first.refreshToken());
        assertThat(retried.accessToken()).isEqualTo(first.accessToken());
        assertThat(convro.app.authenticateToken().authenticate(retried.accessToken()).deviceId()).isEqualTo(alice.deviceId());
        assertThat(refresh(first.refreshToken()).refreshToken()).as("the family is intact").isNotEqualTo(first.refreshToken());
    }

    @Test
    void aRetryOnAnotherNodeGetsTheSamePairToo() {
        AuthSession alice = convro.register("alice");
        RefreshedTokens first = refresh(alice.refreshToken());

        ConvroApplication otherNode = convro.anotherNode();
        RefreshedTokens retried = otherNode.refreshToken().refresh(alice.refreshToken());

        assertThat(retried).usingRecursiveComparison().isEqualTo(first);
    }

    @Test
    void theNewTokenIsNotStoredInTheClear() {
        AuthSession alice = convro.register("alice");
        RefreshedTokens first = refresh(alice.refreshToken());
        String jti = first.refreshToken().split("_", 3)[1];
        String secret = first.refreshToken().split("_", 3)[2];

        assertThat(convro.stores.refreshTokens().findByJti(jti)).get()
                .satisfies(stored -> assertThat(stored.secretHash()).doesNotContain(secret).matches("[0-9a-f]{64}"));
    }

    @Test
    void aReuseAfterTheGraceStillRevokesTheWholeFamily() {
        AuthSession alice = convro.register("alice");
        RefreshedTokens first = refresh(alice.refreshToken());

        convro.clock.advance(RefreshTokenService.RETRY_GRACE);
        expect(ErrorCode.REFRESH_REVOKED, () -> refresh(alice.refreshToken()));

        expect(ErrorCode.REFRESH_REVOKED, () -> refresh(first.refreshToken()));
    }

    @Test
    void aLateRetryAfterTheNewTokenWasUsedIsRefusedWithoutRevokingTheFamily() {
        AuthSession alice = convro.register("alice");
        RefreshedTokens first = refresh(alice.refreshToken());
        RefreshedTokens second = refresh(first.refreshToken());

        convro.clock.advance(Duration.ofSeconds(5));
        expect(ErrorCode.REFRESH_REVOKED, () -> refresh(alice.refreshToken()));

        assertThat(refresh(second.refreshToken()).refreshToken()).as("the current token still rotates")
                .isNotEqualTo(second.refreshToken());
    }

    @Test
    void aRetryAfterALogoutIsRefused() {
        AuthSession alice = convro.register("alice");
        refresh(alice.refreshToken());
        convro.app.logOut().logOut(new LogOutCommand(convro.caller(alice), LogoutScope.DEVICE, null));

        expect(ErrorCode.REFRESH_REVOKED, () -> refresh(alice.refreshToken()));
    }

    @Test
    void aTokenRevokedByALogoutIsAReuseEvenWithinTheGrace() {
        AuthSession alice = convro.register("alice");
        AuthSession phone = convro.logIn("alice", alice.deviceId());
        convro.app.logOut().logOut(new LogOutCommand(convro.caller(alice), LogoutScope.SINGLE, alice.refreshToken()));

        expect(ErrorCode.REFRESH_REVOKED, () -> refresh(alice.refreshToken()));

        expect(ErrorCode.REFRESH_REVOKED, () -> refresh(phone.refreshToken()));
    }
}
