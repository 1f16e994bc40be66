package io.convro.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.application.auth.IssuedRefreshToken;
import io.convro.application.auth.PresentedRefreshToken;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtTokenServiceRefreshTokenTest {
    private static final String SECRET_32 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"; // bytes 0..31
    private static final String SECRET_WITH_UNDERSCORES = "ab_cd_ef-gh_ij_kl-mn_op_qr-st_uv_wx-yz_01_2";

    private final JwtTokenService tokens = new JwtTokenService(new byte[32], new MutableClock(Instant.EPOCH));

    @Test
    void newRefreshTokenHasTheContractFormat() {
        IssuedRefreshToken issued = tokens.newRefreshToken();

        assertThat(issued.jti()).matches("[0-9a-f]{32}");
        assertThat(issued.token()).startsWith("rt_" + issued.jti() + "_");
        String secret = issued.token().substring(("rt_" + issued.jti() + "_").length());
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(issued.secretHash()).matches("[0-9a-f]{64}").isEqualTo(sha256Hex(secret));
    }

    @Test
    void aSuccessorIsDerivedAlikeOnEveryNodeWithTheSameSecretAndOnlyThere() {
        PresentedRefreshToken presented = tokens.parseRefreshToken(tokens.newRefreshToken().token());
        JwtTokenService sameSecret = new JwtTokenService(new byte[32], new MutableClock(Instant.EPOCH));
        byte[] other = new byte[32];
        other[0] = 1;
        JwtTokenService otherSecret = new JwtTokenService(other, new MutableClock(Instant.EPOCH));

        IssuedRefreshToken successor = tokens.successorOf(presented);

        assertThat(sameSecret.successorOf(presented)).usingRecursiveComparison().isEqualTo(successor);
        assertThat(otherSecret.successorOf(presented).token()).isNotEqualTo(successor.token());
        assertThat(successor.jti()).matches("[0-9a-f]{32}").isNotEqualTo(presented.jti());
        assertThat(successor.secretHash()).isEqualTo(sha256Hex(successor.token().substring(("rt_" + successor.jti() + "_").length())));
        assertThat(tokens.refreshSecretMatches(tokens.parseRefreshToken(successor.token()), successor.secretHash())).isTrue();
        assertThat(tokens.successorOf(tokens.parseRefreshToken(successor.token())).jti()).as("a chain, not a cycle")
                .isNotEqualTo(successor.jti()).isNotEqualTo(presented.jti());
    }

    @Test
    void theAccessTokenIssuedWithASuccessorIsTheSameForTheSameArguments() {
        IssuedRefreshToken successor = tokens.successorOf(tokens.parseRefreshToken(tokens.newRefreshToken().token()));
        io.convro.application.auth.AccessGrant grant = new io.convro.application.auth.AccessGrant(
                io.convro.domain.user.UserId.of(7), io.convro.domain.device.DeviceId.parse("0123456789abcdef"),
                io.convro.domain.user.ConvroNumber.parse("+99000042"), null, 3);
        Instant at = Instant.EPOCH.plusMillis(1_500);

        String access = tokens.accessTokenFor(grant, successor, at);

        assertThat(new JwtTokenService(new byte[32], new MutableClock(Instant.EPOCH)).accessTokenFor(grant, successor, at))
                .isEqualTo(access);
        assertThat(tokens.verifyAccessToken(access)).isEqualTo(grant);
        assertThat(tokens.accessTokenFor(grant, tokens.newRefreshToken(), at)).isNotEqualTo(access);
    }

    @Test
    void newRefreshTokensAreAllDifferent() {
        Set<String> jtis = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            IssuedRefreshToken issued = tokens.newRefreshToken();
            jtis.add(issued.jti());
            hashes.add(issued.secretHash());
        }
        assertThat(jtis).hasSize(100);
        assertThat(hashes).hasSize(100);
    }

    @Test
    void issuedTokenParsesBackToItsJtiAndMatchesItsStoredHash() {
        IssuedRefreshToken issued = tokens.newRefreshToken();
        PresentedRefreshToken presented = tokens.parseRefreshToken(issued.token());

        assertThat(presented.jti()).isEqualTo(issued.jti());
        assertThat(tokens.refreshSecretMatches(presented, issued.secretHash())).isTrue();
    }

    @Test
    void secretContainingUnderscoresIsSplitOnTheFirstTwoUnderscoresOnly() {
        PresentedRefreshToken presented = tokens.parseRefreshToken("rt_0a1b2c_" + SECRET_WITH_UNDERSCORES);

        assertThat(presented.jti()).isEqualTo("0a1b2c");
        assertThat(presented.secret()).isEqualTo(SECRET_WITH_UNDERSCORES);
    }

    @Test
    void secretStartingWithAnUnderscoreIsKeptWhole() {
        String secret = "_" + SECRET_32.substring(1);
        assertThat(tokens.parseRefreshToken("rt_ff_" + secret).secret()).isEqualTo(secret);
    }

    @Test
    void upperCaseJtiIsAcceptedAndLowercased() {
        assertThat(tokens.parseRefreshToken("rt_ABCDEF_" + SECRET_32).jti()).isEqualTo("abcdef");
    }

    @Test
    void jtiOfSixtyFourHexCharactersIsAccepted() {
        String jti = "a".repeat(64);
        assertThat(tokens.parseRefreshToken("rt_" + jti + "_" + SECRET_32).jti()).isEqualTo(jti);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "rt_",
            "rt__",
            "rt_abc",
            "rt_abc_",
            "rt__" + SECRET_32,
            "RT_abc_" + SECRET_32,
            "xrt_abc_" + SECRET_32,
            " rt_abc_" + SECRET_32,
            "rt_abc_" + SECRET_32 + " ",
            "rt-abc_" + SECRET_32,
            "rt_xyz_" + SECRET_32,
            "rt_ab-c_" + SECRET_32,
            "rt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_" + SECRET_32,
            "rt_abc_" + SECRET_32 + "=",
            "rt_abc_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "rt_abc_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+/",
            "rt_abc_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh",
            "rt_abc_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8AA",
            "rt_abc_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8.",
            "rt_abc_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n",
    })
    void malformedRefreshTokenIsInvalidRefreshToken(String token) {
        assertThatThrownBy(() -> tokens.parseRefreshToken(token))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN));
    }

    @Test
    void secretOfThirtyOneBytesIsTooShort() {
        String thirtyOne = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[31]);
        assertThatThrownBy(() -> tokens.parseRefreshToken("rt_abc_" + thirtyOne))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN));
        String thirtyTwo = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        assertThat(tokens.parseRefreshToken("rt_abc_" + thirtyTwo).secret()).isEqualTo(thirtyTwo);
    }

    @Test
    void hugeSecretIsRefused() {
        assertThatThrownBy(() -> tokens.parseRefreshToken("rt_abc_" + "A".repeat(10_000)))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void secretMatchesItsSha256InEitherHexCase() {
        PresentedRefreshToken presented = new PresentedRefreshToken("abc", SECRET_WITH_UNDERSCORES);
        String hash = sha256Hex(SECRET_WITH_UNDERSCORES);

        assertThat(tokens.refreshSecretMatches(presented, hash)).isTrue();
        assertThat(tokens.refreshSecretMatches(presented, hash.toUpperCase())).isTrue();
    }

    @Test
    void anotherSecretDoesNotMatch() {
        IssuedRefreshToken issued = tokens.newRefreshToken();
        PresentedRefreshToken other = tokens.parseRefreshToken(tokens.newRefreshToken().token());
        PresentedRefreshToken sameJtiOtherSecret = new PresentedRefreshToken(issued.jti(), SECRET_32);

        assertThat(tokens.refreshSecretMatches(other, issued.secretHash())).isFalse();
        assertThat(tokens.refreshSecretMatches(sameJtiOtherSecret, issued.secretHash())).isFalse();
    }

    @Test
    void hashOfTheDecodedBytesInsteadOfTheSecretStringDoesNotMatch() {
        // the contract hashes the secret *string*; this pins that choice
        byte[] decoded = Base64.getUrlDecoder().decode(SECRET_32);
        String hashOfBytes = HexFormat.of().formatHex(sha256(decoded));
        assertThat(tokens.refreshSecretMatches(new PresentedRefreshToken("abc", SECRET_32), hashOfBytes)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "abc", "zz", "not hex at all but exactly sixty four characters long..........",
            "00000000000000000000000000000000000000000000000000000000000000", // 62
            "000000000000000000000000000000000000000000000000000000000000000000"}) // 66
    void malformedStoredHashNeverMatches(String stored) {
        assertThat(tokens.refreshSecretMatches(new PresentedRefreshToken("abc", SECRET_32), stored)).isFalse();
    }

    @Test
    void issuedAndPresentedTokensNeverPrintTheirSecret() {
        IssuedRefreshToken issued = tokens.newRefreshToken();
        PresentedRefreshToken presented = tokens.parseRefreshToken(issued.token());
        String secret = presented.secret();

        assertThat(issued.toString()).doesNotContain(secret).doesNotContain(issued.secretHash());
        assertThat(presented.toString()).doesNotContain(secret);
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
