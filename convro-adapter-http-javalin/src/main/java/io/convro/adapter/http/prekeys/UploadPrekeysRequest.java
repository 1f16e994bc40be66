package io.convro.adapter.http.prekeys;

import static io.convro.adapter.http.validation.WireValue.FINGERPRINT;
import static io.convro.adapter.http.validation.WireValue.IDENTITY_KEY;
import static io.convro.adapter.http.validation.WireValue.KEY_ID;
import static io.convro.adapter.http.validation.WireValue.ONE_TIME_PREKEY_PUBLIC_KEY;
import static io.convro.adapter.http.validation.WireValue.SIGNED_PREKEY_PUBLIC_KEY;
import static io.convro.adapter.http.validation.WireValue.SIGNED_PREKEY_SIGNATURE;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.adapter.http.validation.Required;
import io.convro.application.prekeys.UploadPrekeysCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.ErrorCode;
import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.prekey.X25519PublicKey;
import jakarta.validation.Valid;
import java.util.List;

/** Body of {@code POST /v1/prekeys/upload}. */
record UploadPrekeysRequest(@Required(code = ErrorCode.INVALID_IDENTITY_KEY) @Valid Identity identity,
                            @Required(code = ErrorCode.INVALID_SIGNED_PREKEY) @Valid Signed signedPrekey,
                            List<@Required(code = ErrorCode.INVALID_ONE_TIME_PREKEY) @Valid OneTime> oneTimePrekeys) {

    record Identity(@DomainValue(value = IDENTITY_KEY, required = true) String publicKeyEd25519,
                    @DomainValue(FINGERPRINT) String fingerprint) {
    }

    record Signed(@DomainValue(value = KEY_ID, required = true) String keyId,
                  @DomainValue(value = SIGNED_PREKEY_PUBLIC_KEY, required = true) String publicKeyX25519,
                  @DomainValue(value = SIGNED_PREKEY_SIGNATURE, required = true) String signatureEd25519) {
    }

    record OneTime(@DomainValue(value = KEY_ID, required = true) String keyId,
                   @DomainValue(value = ONE_TIME_PREKEY_PUBLIC_KEY, required = true) String publicKeyX25519) {
    }

    UploadPrekeysCommand toCommand(Caller caller) {
        IdentityKey identityKey = new IdentityKey(Ed25519PublicKey.parseBase64(identity.publicKeyEd25519()),
                identity.fingerprint());
        SignedPrekey signed = new SignedPrekey(KeyId.parse(signedPrekey.keyId()),
                X25519PublicKey.parseBase64(signedPrekey.publicKeyX25519(), ErrorCode.INVALID_SIGNED_PREKEY),
                Ed25519Signature.parseBase64(signedPrekey.signatureEd25519()));
        List<OneTimePrekey> oneTime = oneTimePrekeys == null ? List.of() : oneTimePrekeys.stream()
                .map(otp -> new OneTimePrekey(KeyId.parse(otp.keyId()),
                        X25519PublicKey.parseBase64(otp.publicKeyX25519(), ErrorCode.INVALID_ONE_TIME_PREKEY)))
                .toList();
        return new UploadPrekeysCommand(caller, identityKey, signed, oneTime);
    }
}
