package io.convro.bootstrap.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Re-signs a real access token with changed claims, the way only a holder of the server's secret could. */
final class ForgedTokens {
    private ForgedTokens() {
    }

    /** {@code token} with {@code exp} (and {@code iat}) moved into the past, correctly signed with {@code secret}. */
    static String expired(String token, String secret) {
        String[] parts = token.split("\\.");
        try {
            ObjectNode claims = (ObjectNode) RestClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = System.currentTimeMillis() / 1000;
            claims.put("iat", now - 3600);
            claims.put("exp", now - 1800);
            String unsigned = parts[0] + "." + b64url(RestClient.JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return unsigned + "." + b64url(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code token} with the first character of its signature changed: a bad signature. (The last character
     * would not do: its low bits are padding, so some changes there decode to the same bytes.)
     */
    static String badlySigned(String token) {
        int at = token.lastIndexOf('.') + 1;
        char first = token.charAt(at);
        return token.substring(0, at) + (first == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
