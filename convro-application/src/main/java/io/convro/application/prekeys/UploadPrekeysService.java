package io.convro.application.prekeys;

import io.convro.application.auth.SignatureVerifier;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.PrekeyLimits;
import io.convro.domain.prekey.SignedPrekey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prekey upload: the signed prekey's signature is verified before anything is stored; the limits are
 * checked against what would be newly stored, and a rejected upload stores nothing.
 */
public final class UploadPrekeysService implements UploadPrekeysUseCase {
    private final Prekeys prekeys;
    private final SignatureVerifier signatures;
    private final Transactions transactions;
    private final Clock clock;

    public UploadPrekeysService(Prekeys prekeys, SignatureVerifier signatures, Transactions transactions, Clock clock) {
        this.prekeys = prekeys;
        this.signatures = signatures;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public int upload(UploadPrekeysCommand command) {
        if (command.identity() == null) {
            throw new DomainException(ErrorCode.INVALID_IDENTITY_KEY, "identity is required", "identity");
        }
        if (command.signedPrekey() == null) {
            throw new DomainException(ErrorCode.INVALID_SIGNED_PREKEY, "signedPrekey is required", "signedPrekey");
        }
        if (command.oneTimePrekeys().size() > PrekeyLimits.MAX_PER_UPLOAD) {
            throw tooMany("at most 100 one-time prekeys per upload");
        }
        SignedPrekey signed = command.signedPrekey();
        if (!signatures.verifyEd25519(command.identity().publicKey(), signed.publicKey().bytes(), signed.signature())) {
            throw new DomainException(ErrorCode.INVALID_SIGNED_PREKEY_SIGNATURE,
                    "signatureEd25519 is not the identity key's signature of the signed prekey", "signedPrekey.signatureEd25519");
        }
        DeviceId device = command.caller().deviceId();
        Map<KeyId, OneTimePrekey> byKeyId = new LinkedHashMap<>();
        command.oneTimePrekeys().forEach(prekey -> byKeyId.putIfAbsent(prekey.keyId(), prekey));
        return transactions.inTransaction(() -> {
            Set<KeyId> known = prekeys.knownKeyIds(device, byKeyId.keySet());
            List<OneTimePrekey> fresh = byKeyId.values().stream().filter(prekey -> !known.contains(prekey.keyId())).toList();
            if (prekeys.countAvailable(device) + fresh.size() > PrekeyLimits.MAX_STORED_PER_DEVICE) {
                throw tooMany("a device may hold at most 1000 one-time prekeys");
            }
            Instant now = clock.now();
            prekeys.saveIdentity(device, command.identity(), now);
            prekeys.saveSignedPrekey(device, signed, now);
            return fresh.isEmpty() ? 0 : prekeys.addOneTimePrekeys(device, fresh, now);
        });
    }

    private static DomainException tooMany(String message) {
        return new DomainException(ErrorCode.TOO_MANY_PREKEYS, message, "oneTimePrekeys");
    }
}
