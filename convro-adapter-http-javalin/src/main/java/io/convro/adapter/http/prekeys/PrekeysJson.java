package io.convro.adapter.http.prekeys;

import io.convro.application.prekeys.PrekeyBundle;
import io.convro.application.prekeys.PrekeyStatus;

/** Response bodies of the prekey routes (API.md §4). */
final class PrekeysJson {
    private PrekeysJson() {
    }

    record Uploaded(boolean ok, String deviceId, int storedOneTimePrekeys) {
    }

    record Bundle(String responderDeviceId, String identityPublicKeyEd25519, String signedPrekeyId,
                  String signedPrekeyPublicKeyX25519, String signedPrekeySignature, String oneTimePrekeyId,
                  String oneTimePrekeyPublicKeyX25519) {
        static Bundle of(PrekeyBundle bundle) {
            boolean hasOneTime = bundle.oneTimePrekey() != null;
            return new Bundle(bundle.responderDeviceId().value(), bundle.identity().publicKey().base64(),
                    bundle.signedPrekey().keyId().value(), bundle.signedPrekey().publicKey().base64(),
                    bundle.signedPrekey().signature().base64(),
                    hasOneTime ? bundle.oneTimePrekey().keyId().value() : null,
                    hasOneTime ? bundle.oneTimePrekey().publicKey().base64() : null);
        }
    }

    /** {@code GET /v1/prekeys/bundles}: a bundle of every device of the user, oldest first. */
    record Bundles(long userId, java.util.List<Bundle> devices) {
    }

    record Status(String deviceId, boolean identityUploaded, String signedPrekeyId, int oneTimePrekeysAvailable) {
        static Status of(PrekeyStatus status) {
            return new Status(status.deviceId().value(), status.identityUploaded(),
                    status.signedPrekeyId() == null ? null : status.signedPrekeyId().value(),
                    status.oneTimePrekeysAvailable());
        }
    }
}
