package io.convro.bootstrap.blackbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWTs made by hand (javax.crypto.Mac, base64url without padding) from a genuine access token's claims, so
 * that exactly one property differs: the expiry, the algorithm or the key.
 */
final class ForgedTokens {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private ForgedTokens() {
    }

    /** The same claims, signed with {@code secret}, but issued an hour ago and expired a minute ago. */
    static String expired(String genuine, byte[] secret) {
        ObjectNode claims = claims(genuine);
        long now = System.currentTimeMillis() / 1000;
        claims.put("iat", now - 3600);
        claims.put("exp", now - 60);
        return hs256(claims, secret);
    }

    /** The same claims and a fresh expiry, signed with some other key. */
    static String otherKey(String genuine) {
        byte[] other = new byte[48];
        new java.security.SecureRandom().nextBytes(other);
        return hs256(claims(genuine), other);
    }

    /** The same claims, {@code "alg":"none"} and no signature. */
    static String algNone(String genuine) {
        return part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(claims(genuine).toString()) + ".";
    }

    static ObjectNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return (ObjectNode) BlackBoxHttp.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hs256(ObjectNode claims, byte[] secret) {
        String signingInput = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + part(claims.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + B64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
