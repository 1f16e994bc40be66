package io.convro.application.prekeys;

import io.convro.application.shared.Caller;
import io.convro.domain.prekey.SignedPrekey;

/** The caller device's prekey stock. */
public final class GetPrekeyStatusService implements GetPrekeyStatusUseCase {
    private final Prekeys prekeys;

    public GetPrekeyStatusService(Prekeys prekeys) {
        this.prekeys = prekeys;
    }

    @Override
    public PrekeyStatus status(Caller caller) {
        return new PrekeyStatus(caller.deviceId(), prekeys.findIdentity(caller.deviceId()).isPresent(),
                prekeys.findSignedPrekey(caller.deviceId()).map(SignedPrekey::keyId).orElse(null),
                prekeys.countAvailable(caller.deviceId()));
    }
}
