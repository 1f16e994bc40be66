package io.convro.adapter.crypto;

import io.convro.application.auth.SignatureVerifier;
import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Pure Ed25519 (RFC 8032, no context, no prehash) with Bouncy Castle. Thread-safe: no shared state. */
public final class Ed25519SignatureVerifier implements SignatureVerifier {

    /** True only for a valid signature; a key that is not a curve point, or any other defect, is false. */
    @Override
    public boolean verifyEd25519(Ed25519PublicKey key, byte[] message, Ed25519Signature signature) {
        if (key == null || message == null || signature == null) {
            return false;
        }
        try {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(false, new Ed25519PublicKeyParameters(key.bytes(), 0));
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature.bytes());
        } catch (RuntimeException e) {
            // Bouncy Castle refuses an undecodable point with an exception; for us it is just a bad key
            return false;
        }
    }
}
