package io.convro.application.prekeys;

/**
 * In-port: store the caller device's prekeys; returns how many one-time prekeys were newly stored.
 * The signed prekey must carry a valid Ed25519 signature by the identity key over its 32 raw bytes
 * ({@code INVALID_SIGNED_PREKEY_SIGNATURE}); more than 100 one-time prekeys in one upload, or more than
 * 1000 stored, is {@code TOO_MANY_PREKEYS} and stores nothing.
 */
public interface UploadPrekeysUseCase {
    int upload(UploadPrekeysCommand command);
}
