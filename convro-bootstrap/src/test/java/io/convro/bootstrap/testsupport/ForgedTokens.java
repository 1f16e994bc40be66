package io.convro.bootstrap.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWTs made by hand (javax.crypto.Mac, base64url without padding) from a genuine access token's claims, so that
 * exactly one property differs from a token the server would accept: the expiry, the algorithm, the key or the
 * signature.
 */
public final class ForgedTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private ForgedTokens() {
    }

    /** The same claims, correctly signed with {@code secret}, but issued an hour ago and expired half an hour ago. */
    public static String expired(String genuine, byte[] secret) {
        ObjectNode claims = claims(genuine);
        long now = System.currentTimeMillis() / 1000;
        claims.put("iat", now - 3600);
        claims.put("exp", now - 1800);
        return hs256(claims, secret);
    }

    /** The same claims and a fresh expiry, signed with some other key. */
    public static String otherKey(String genuine) {
        byte[] other = new byte[48];
        new SecureRandom().nextBytes(other);
        return hs256(claims(genuine), other);
    }

    /** The same claims, {@code "alg":"none"} and no signature. */
    public static String algNone(String genuine) {
        return part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(claims(genuine).toString()) + ".";
    }

    /**
     * {@code token} with the first character of its signature changed. (The last character would not do: its low
     * bits are padding, so some changes there decode to the same bytes.)
     */
    public static String badlySigned(String token) {
        int at = token.lastIndexOf('.') + 1;
        char first = token.charAt(at);
        return token.substring(0, at) + (first == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    private static ObjectNode claims(String token) {
        try {
            return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hs256(ObjectNode claims, byte[] secret) {
        String unsigned = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + part(claims.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return unsigned + "." + B64URL.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
