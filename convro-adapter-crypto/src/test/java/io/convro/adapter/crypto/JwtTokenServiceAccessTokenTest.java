package io.convro.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.convro.application.auth.AccessGrant;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtTokenServiceAccessTokenTest {
    /** 64 bytes, so the same secret can also sign HS384 and HS512 tokens (nimbus refuses shorter keys for them). */
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Instant START = Instant.parse("2026-11-25T14:10:54.120Z");

    private final MutableClock clock = new MutableClock(START);
    private final JwtTokenService tokens = new JwtTokenService(SECRET, clock);
    private final AccessGrant grant = new AccessGrant(UserId.of(42), DeviceId.parse("0123456789abcdef"),
            ConvroNumber.parse("+99123456"), Username.parse("Sigmabo"), 3);

    // ---- round trip ----

    @Test
    void issuedTokenVerifiesToTheSameGrant() {
        assertThat(tokens.verifyAccessToken(tokens.issueAccessToken(grant))).isEqualTo(grant);
    }

    @Test
    void aTokenIsAcceptedOnlyInTheSpellingItWasIssuedIn() {
        String token = tokens.issueAccessToken(grant);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String head = token.substring(0, token.lastIndexOf('.') + 1);
        // 32 bytes of HMAC are 43 base64url characters: the last one carries 2 bits that decoders ignore
        char last = signature.charAt(signature.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(last);
        String otherLowBits = signature.substring(0, signature.length() - 1) + alphabet.charAt(value ^ 1);
        for (String variant : new String[] {token + "=", head + signature + "=", head + otherLowBits,
                token.replace('.', '.') + " ", head.replace("eyJ", "eyJ=") + signature}) {
            assertRejected(() -> tokens.verifyAccessToken(variant), ErrorCode.UNAUTHORIZED);
        }
        assertThat(tokens.verifyAccessToken(token)).isEqualTo(grant);
    }

    @Test
    void canonicalMeansUnpaddedBase64UrlWithNoStrayBits() {
        assertThat(JwtTokenService.canonical("eyJhIjoxfQ.eyJiIjoyfQ.AAAA")).isTrue();
        assertThat(JwtTokenService.canonical("eyJhIjoxfQ.eyJiIjoyfQ.AA")).isTrue();
        assertThat(JwtTokenService.canonical("eyJhIjoxfQ.eyJiIjoyfQ.AB")).as("bits beyond the last byte").isFalse();
        assertThat(JwtTokenService.canonical("eyJhIjoxfQ.eyJiIjoyfQ.AA==")).isFalse();
        assertThat(JwtTokenService.canonical("eyJhIjoxfQ.eyJiIjoyfQ.A+/A")).isFalse();
        assertThat(JwtTokenService.canonical("eyJhIjoxfQ.eyJiIjoyfQ.A")).isFalse();
        assertThat(JwtTokenService.canonical("eyJhIjoxfQ.eyJiIjoyfQ.")).isFalse();
        assertThat(JwtTokenService.canonical("eyJhIjoxfQ.eyJiIjoyfQ")).isFalse();
        assertThat(JwtTokenService.canonical("a.b.c.d")).isFalse();
    }

    @Test
    void grantWithoutUsernameRoundTripsWithUsernameAsJsonNull() throws Exception {
        AccessGrant anonymous = new AccessGrant(UserId.of(7), DeviceId.parse("fedcba9876543210"),
                ConvroNumber.parse("+99000001"), null, 0);
        String token = tokens.issueAccessToken(anonymous);

        assertThat(tokens.verifyAccessToken(token)).isEqualTo(anonymous);
        String payload = SignedJWT.parse(token).getPayload().toString();
        assertThat(payload).contains("\"username\":null");
    }

    @Test
    void tokenCarriesTheContractClaimsWithTheirJsonTypes() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.issueAccessToken(grant));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(claims.getClaim("userId")).isEqualTo(42L);
        assertThat(claims.getClaim("deviceId")).isEqualTo("0123456789abcdef");
        assertThat(claims.getClaim("convroNumber")).isEqualTo("+99123456");
        assertThat(claims.getClaim("username")).isEqualTo("Sigmabo");
        assertThat(claims.getClaim("gen")).isEqualTo(3L);
        assertThat(claims.getIssuer()).isEqualTo("convro");
        assertThat(claims.getJWTID()).matches("[0-9a-f]{32}");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-11-25T14:10:54Z"));
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-11-25T14:25:54Z"));
    }

    @Test
    void everyTokenHasItsOwnJti() throws Exception {
        String first = SignedJWT.parse(tokens.issueAccessToken(grant)).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(tokens.issueAccessToken(grant)).getJWTClaimsSet().getJWTID();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void configuredIssuerAndLifetimeAreUsed() throws Exception {
        JwtTokenService custom = new JwtTokenService(SECRET, "convro-eu", Duration.ofSeconds(60), clock);
        String token = custom.issueAccessToken(grant);
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        assertThat(claims.getIssuer()).isEqualTo("convro-eu");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-11-25T14:11:54Z"));
        assertThat(custom.verifyAccessToken(token)).isEqualTo(grant);
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    // ---- expiry ----

    @Test
    void tokenIsValidUntilJustBeforeExp() {
        String token = tokens.issueAccessToken(grant);
        clock.set(Instant.parse("2026-11-25T14:25:53.999Z"));
        assertThat(tokens.verifyAccessToken(token)).isEqualTo(grant);
    }

    @Test
    void tokenIsExpiredExactlyAtExpWithoutLeeway() {
        String token = tokens.issueAccessToken(grant);
        clock.set(Instant.parse("2026-11-25T14:25:54Z"));
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void aTokenVerifiedBeforeStillExpiresExactlyAtExp() {
        String token = tokens.issueAccessToken(grant);
        assertThat(tokens.verifyAccessToken(token)).isEqualTo(grant); // now remembered
        clock.set(Instant.parse("2026-11-25T14:25:53.999Z"));
        assertThat(tokens.verifyAccessToken(token)).isEqualTo(grant);
        clock.set(Instant.parse("2026-11-25T14:25:54Z"));
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.TOKEN_EXPIRED);
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void aTokenVerifiedBeforeVouchesForNoOtherText() {
        String token = tokens.issueAccessToken(grant);
        assertThat(tokens.verifyAccessToken(token)).isEqualTo(grant);
        int at = token.indexOf('.') + 10; // inside the claims
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertRejected(() -> tokens.verifyAccessToken(tampered), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void expiredTokenWithABadSignatureIsUnauthorizedNotExpired() {
        JwtTokenService otherKey = new JwtTokenService(new byte[32], clock);
        String token = otherKey.issueAccessToken(grant);
        clock.advance(Duration.ofHours(1));
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void tokenWithoutExpIsUnauthorized() {
        Map<String, Object> claims = validClaims();
        claims.remove("exp");
        assertRejected(() -> tokens.verifyAccessToken(hs256(claims, SECRET)), ErrorCode.UNAUTHORIZED);
    }

    // ---- malformed ----

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "garbage", "a.b", "a.b.c", "a.b.c.d.e", "....", "Bearer x.y.z",
            "eyJhbGciOiJIUzI1NiJ9.not-base64!.sig", "eyJhbGciOiJIUzI1NiJ9..", "e30.e30.e30"})
    void missingOrMalformedTokenIsUnauthorized(String token) {
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void absurdlyLongTokenIsUnauthorized() {
        String token = tokens.issueAccessToken(grant) + "A".repeat(10_000);
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    // ---- algorithm ----

    @Test
    void unsignedAlgNoneTokenIsUnauthorized() {
        String header = b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String token = header + "." + b64url(json(validClaims())) + ".";
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void hs256HeaderWithEmptySignatureIsUnauthorized() {
        String header = b64url("{\"alg\":\"HS256\"}");
        String token = header + "." + b64url(json(validClaims())) + ".";
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void hs384AndHs512SignedWithOurOwnSecretAreUnauthorized() throws Exception {
        for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.HS384, JWSAlgorithm.HS512}) {
            String token = sign(alg, new MACSigner(SECRET), validClaims());
            assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
        }
    }

    @Test
    void rs256TokenIsUnauthorized() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String token = sign(JWSAlgorithm.RS256, new RSASSASigner(rsa.generateKeyPair().getPrivate()), validClaims());
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void es256TokenIsUnauthorized() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        String token = sign(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) ec.generateKeyPair().getPrivate()),
                validClaims());
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void algorithmNameInAnotherCaseIsUnauthorized() {
        String token = withHeader("{\"alg\":\"hs256\"}", validClaims());
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    // ---- signature ----

    @Test
    void tokenSignedWithAnotherSecretIsUnauthorized() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        String token = new JwtTokenService(other, clock).issueAccessToken(grant);
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void tamperedPayloadIsUnauthorized() {
        String[] parts = tokens.issueAccessToken(grant).split("\\.");
        Map<String, Object> claims = validClaims();
        claims.put("userId", 1);
        String token = parts[0] + "." + b64url(json(claims)) + "." + parts[2];
        assertRejected(() -> tokens.verifyAccessToken(token), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void tamperedSignatureIsUnauthorized() {
        String token = tokens.issueAccessToken(grant);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertRejected(() -> tokens.verifyAccessToken(tampered), ErrorCode.UNAUTHORIZED);
    }

    // ---- issuer ----

    @Test
    void wrongIssuerIsUnauthorized() {
        Map<String, Object> claims = validClaims();
        claims.put("iss", "evil");
        assertRejected(() -> tokens.verifyAccessToken(hs256(claims, SECRET)), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void missingIssuerIsUnauthorized() {
        Map<String, Object> claims = validClaims();
        claims.remove("iss");
        assertRejected(() -> tokens.verifyAccessToken(hs256(claims, SECRET)), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void nonStringIssuerIsUnauthorized() {
        Map<String, Object> claims = validClaims();
        claims.put("iss", 1);
        assertRejected(() -> tokens.verifyAccessToken(hs256(claims, SECRET)), ErrorCode.UNAUTHORIZED);
    }

    // ---- claims ----

    @Test
    void handSignedTokenWithValidClaimsIsAccepted() {
        // proves the rejections below are caused by the one claim they change
        assertThat(tokens.verifyAccessToken(hs256(validClaims(), SECRET))).isEqualTo(grant);
    }

    static Stream<Arguments> badClaims() {
        return Stream.of(
                Arguments.of("userId", null),
                Arguments.of("userId", "42"),
                Arguments.of("userId", 0),
                Arguments.of("userId", -42),
                Arguments.of("userId", 42.5),
                Arguments.of("userId", true),
                Arguments.of("deviceId", null),
                Arguments.of("deviceId", "0123456789abcde"),
                Arguments.of("deviceId", "0123456789abcdef0"),
                Arguments.of("deviceId", "0123456789abcdeg"),
                Arguments.of("deviceId", 123),
                Arguments.of("convroNumber", null),
                Arguments.of("convroNumber", "+98123456"),
                Arguments.of("convroNumber", "+9912345"),
                Arguments.of("convroNumber", "99123456"),
                Arguments.of("convroNumber", 99123456),
                Arguments.of("username", "a"),
                Arguments.of("username", 5),
                Arguments.of("gen", null),
                Arguments.of("gen", "3"),
                Arguments.of("gen", -1),
                Arguments.of("gen", 1.5));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badClaims")
    void missingOrMistypedClaimIsUnauthorized(String claim, Object value) {
        Map<String, Object> claims = validClaims();
        if (value == null) {
            claims.remove(claim);
        } else {
            claims.put(claim, value);
        }
        assertRejected(() -> tokens.verifyAccessToken(hs256(claims, SECRET)), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void upperCaseDeviceIdClaimIsReadAsLowercase() {
        Map<String, Object> claims = validClaims();
        claims.put("deviceId", "0123456789ABCDEF");
        assertThat(tokens.verifyAccessToken(hs256(claims, SECRET)).deviceId()).isEqualTo(grant.deviceId());
    }

    // ---- construction ----

    @Test
    void secretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new JwtTokenService(new byte[31], clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtTokenService(new byte[0], clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blankIssuerAndSubSecondLifetimeAreRefused() {
        assertThatThrownBy(() -> new JwtTokenService(SECRET, " ", Duration.ofMinutes(15), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtTokenService(SECRET, "convro", Duration.ofMillis(999), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changingTheCallersSecretArrayAfterConstructionChangesNothing() {
        byte[] secret = SECRET.clone();
        JwtTokenService service = new JwtTokenService(secret, clock);
        String token = service.issueAccessToken(grant);
        Arrays.fill(secret, (byte) 0);
        assertThat(service.verifyAccessToken(token)).isEqualTo(grant);
    }

    // ---- helpers ----

    private Map<String, Object> validClaims() {
        long iat = START.getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("userId", 42);
        claims.put("deviceId", "0123456789abcdef");
        claims.put("convroNumber", "+99123456");
        claims.put("username", "Sigmabo");
        claims.put("gen", 3);
        claims.put("iat", iat);
        claims.put("exp", iat + 900);
        claims.put("jti", "00112233445566778899aabbccddeeff");
        claims.put("iss", "convro");
        return claims;
    }

    /** Signed with HS256 over JSON written by hand, so claims nimbus itself would refuse can be tested too. */
    private static String hs256(Map<String, Object> claims, byte[] secret) {
        return withHeader("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, secret);
    }

    private static String sign(JWSAlgorithm alg, JWSSigner signer, Map<String, Object> claims) throws JOSEException {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), JWTClaimsSet.parse(claims));
            jwt.sign(signer);
            return jwt.serialize();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** A token with a hand-written header, HMAC-SHA256 signed over exactly those bytes. */
    private static String withHeader(String headerJson, Map<String, Object> claims) {
        return withHeader(headerJson, claims, SECRET);
    }

    private static String withHeader(String headerJson, Map<String, Object> claims, byte[] secret) {
        try {
            String signingInput = b64url(headerJson) + "." + b64url(json(claims));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64URL.encode(sig);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String json(Map<String, Object> claims) {
        StringBuilder out = new StringBuilder("{");
        claims.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(name).append("\":");
            out.append(value instanceof String s ? "\"" + s + "\"" : String.valueOf(value));
        });
        return out.append('}').toString();
    }

    private static String b64url(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
