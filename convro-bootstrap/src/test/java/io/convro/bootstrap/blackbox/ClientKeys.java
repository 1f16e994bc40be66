package io.convro.bootstrap.blackbox;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a real client holds: an Ed25519 identity (the JDK's own provider, independent of the server's Bouncy
 * Castle) and X25519 prekey public keys, and the upload body it signs. X25519 keys are only stored and handed
 * out by the server, so random 32 bytes stand in for them.
 */
final class ClientKeys {
    /** The DER prefix of an X.509 Ed25519 public key; the raw 32 key bytes follow it. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final KeyPair identity;

    ClientKeys() {
        try {
            identity = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String identityPublicKey() {
        byte[] encoded = identity.getPublic().getEncoded();
        return b64(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    /** Ed25519 signature by the identity key over {@code message}. */
    String sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(identity.getPrivate());
            signature.update(message);
            return b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signatureB64} is an Ed25519 signature of {@code message} by the raw public key given. */
    static boolean verify(String publicKeyB64, byte[] message, String signatureB64) {
        try {
            byte[] raw = Base64.getDecoder().decode(publicKeyB64);
            byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
            System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(Base64.getDecoder().decode(signatureB64));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An upload body: the identity, a signed prekey {@code signedKeyId} whose signature covers the 32 raw bytes
     * of its public key, and one-time prekeys with ids {@code otpPrefix + 0..count-1} (16 hex in all).
     */
    String uploadBody(String signedKeyId, String otpPrefix, int count) {
        byte[] signedPrekey = random(32);
        StringBuilder body = new StringBuilder("{\"identity\":{\"publicKeyEd25519\":\"" + identityPublicKey()
                + "\",\"fingerprint\":\"black-box\"},\"signedPrekey\":{\"keyId\":\"" + signedKeyId
                + "\",\"publicKeyX25519\":\"" + b64(signedPrekey) + "\",\"signatureEd25519\":\"" + sign(signedPrekey)
                + "\"},\"oneTimePrekeys\":[");
        for (int i = 0; i < count; i++) {
            String suffix = Integer.toHexString(i);
            String keyId = otpPrefix + "0".repeat(16 - otpPrefix.length() - suffix.length()) + suffix;
            body.append(i == 0 ? "" : ",").append("{\"keyId\":\"").append(keyId).append("\",\"publicKeyX25519\":\"")
                    .append(b64(random(32))).append("\"}");
        }
        return body.append("]}").toString();
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String hex(int length) {
        return HexFormat.of().formatHex(random(length / 2));
    }
}
