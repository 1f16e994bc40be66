package io.convro.application.auth;

import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;

/** Out-port: Ed25519 signature verification (RFC 8032). */
public interface SignatureVerifier {
    boolean verifyEd25519(Ed25519PublicKey key, byte[] message, Ed25519Signature signature);
}
