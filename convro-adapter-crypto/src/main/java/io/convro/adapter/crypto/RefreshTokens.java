package io.convro.adapter.crypto;

import io.convro.application.auth.IssuedRefreshToken;
import io.convro.application.auth.PresentedRefreshToken;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refresh tokens {@code rt_<jti>_<secret>}: a hex id the server looks up and a base64url secret of
 * which the server keeps only the SHA-256. A rotation's successor is not random but derived from the rotated token
 * with HMAC-SHA256 under a key of the server's ({@link #successorOf}), so that a retried rotation can hand out the
 * same token again without the server keeping any secret in the clear.
 */
final class RefreshTokens {
    static final String PREFIX = "rt_";
    static final int JTI_BYTES = 16;
    static final int SECRET_BYTES = 32;
    private static final Pattern JTI = Pattern.compile("^[0-9a-fA-F]{1,64}$");
    private static final Pattern SECRET = Pattern.compile("^[A-Za-z0-9_-]+$");
    /** Far above what we issue; bounds the work an attacker can make us do per request. */
    private static final int MAX_SECRET_CHARS = 512;
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random;

    RefreshTokens(SecureRandom random) {
        this.random = random;
    }

    IssuedRefreshToken issue() {
        byte[] id = new byte[JTI_BYTES];
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(id);
        random.nextBytes(secretBytes);
        String jti = HEX.formatHex(id);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        return new IssuedRefreshToken(jti, PREFIX + jti + "_" + secret, HEX.formatHex(sha256(secret)));
    }

    /**
     * The successor of {@code presented}: jti and secret are HMAC-SHA256 under {@code successorKey} of the presented
     * jti and secret, each with its own label, so neither tells anything about the other or about the key.
     */
    static IssuedRefreshToken successorOf(PresentedRefreshToken presented, byte[] successorKey) {
        byte[] id = Arrays.copyOf(hmac(successorKey, "jti", presented), JTI_BYTES);
        byte[] secretBytes = hmac(successorKey, "secret", presented);
        String jti = HEX.formatHex(id);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        return new IssuedRefreshToken(jti, PREFIX + jti + "_" + secret, HEX.formatHex(sha256(secret)));
    }

    /** A hex id derived from {@code refresh}'s secret under {@code key} (the jti of the access token issued with it). */
    static String derivedId(IssuedRefreshToken refresh, byte[] key) {
        return HEX.formatHex(Arrays.copyOf(hmac(key, "access", parse(refresh.token())), JTI_BYTES));
    }

    static PresentedRefreshToken parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            throw malformed();
        }
        String rest = token.substring(PREFIX.length());
        // the secret is base64url and may itself contain '_': only the first separator counts
        int separator = rest.indexOf('_');
        if (separator < 0) {
            throw malformed();
        }
        String jti = rest.substring(0, separator);
        String secret = rest.substring(separator + 1);
        if (!JTI.matcher(jti).matches() || !isSecret(secret)) {
            throw malformed();
        }
        return new PresentedRefreshToken(jti.toLowerCase(Locale.ROOT), secret);
    }

    static boolean matches(PresentedRefreshToken presented, String storedSecretHash) {
        if (presented == null || presented.secret() == null || storedSecretHash == null
                || storedSecretHash.length() != 64) {
            return false;
        }
        byte[] stored;
        try {
            stored = HEX.parseHex(storedSecretHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented.secret()), stored);
    }

    private static boolean isSecret(String secret) {
        if (secret.length() > MAX_SECRET_CHARS || !SECRET.matcher(secret).matches() || secret.length() % 4 == 1) {
            return false;
        }
        return Base64.getUrlDecoder().decode(secret).length >= SECRET_BYTES;
    }

    private static byte[] hmac(byte[] key, String label, PresentedRefreshToken token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // the separator cannot occur in a label, a hex jti or a base64url secret
            mac.update((label + ":" + token.jti() + ":" + token.secret()).getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** A key of its own for each use of the server's secret: {@code HMAC-SHA256(secret, purpose)}. */
    static byte[] subkey(byte[] serverSecret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(serverSecret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static DomainException malformed() {
        return new DomainException(ErrorCode.INVALID_REFRESH_TOKEN, "refresh token must be rt_<hex id>_<base64url secret>",
                "refreshToken");
    }
}
