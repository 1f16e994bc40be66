package io.convro.application.prekeys;

import io.convro.application.shared.Caller;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import java.util.List;

/** Publish the caller device's identity key, signed prekey and a batch of one-time prekeys. */
public record UploadPrekeysCommand(Caller caller, IdentityKey identity, SignedPrekey signedPrekey,
                                   List<OneTimePrekey> oneTimePrekeys) {
    public UploadPrekeysCommand {
        oneTimePrekeys = oneTimePrekeys == null ? List.of() : List.copyOf(oneTimePrekeys);
    }
}
