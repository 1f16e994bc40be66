package io.convro.bootstrap.blackbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The error codes of API.md §0–§6, and which of them a suite has seen over HTTP. */
final class ErrorChecklist {
    /**
     * Every code API.md §0–§6 names, in its order, except those a black-box run cannot provoke on purpose:
     * {@code INTERNAL_ERROR} (a bug), {@code SERVICE_UNAVAILABLE}
     * (the database would have to go away) and {@code INITIATOR_DEVICE_NOT_FOUND}: the auth filter already answers
     * {@code TOKEN_REVOKED} for an inactive device, so open-session sees it only when the device is removed between
     * authentication and the transaction, a race a test cannot hit deterministically.
     */
    static final List<String> EXPECTED = List.of(
            // §0
            "INVALID_JSON", "UNAUTHORIZED", "TOKEN_EXPIRED", "TOKEN_REVOKED", "NOT_FOUND", "METHOD_NOT_ALLOWED",
            "PAYLOAD_TOO_LARGE", "RATE_LIMITED",
            // §2
            "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG", "INVALID_USERNAME", "INVALID_FULL_NAME", "INVALID_DEVICE_ID",
            "INVALID_PLATFORM", "INVALID_DEVICE_LABEL", "USERNAME_TAKEN", "DEVICE_ID_TAKEN",
            "FAILED_TO_ALLOCATE_CONVRO_NUMBER", "MISSING_LOGIN_IDENTIFIER", "INVALID_CREDENTIALS",
            "DEVICE_OWNED_BY_OTHER_USER", "TOO_MANY_DEVICES", "INVALID_REFRESH_TOKEN", "REFRESH_NOT_FOUND",
            "REFRESH_REVOKED", "REFRESH_EXPIRED", "REFRESH_INVALID", "DEVICE_NOT_FOUND",
            // §3
            "INVALID_QUERY", "USER_NOT_FOUND",
            // §4
            "INVALID_IDENTITY_KEY", "INVALID_SIGNED_PREKEY", "INVALID_SIGNED_PREKEY_SIGNATURE", "INVALID_ONE_TIME_PREKEY",
            "INVALID_KEY_ID", "TOO_MANY_PREKEYS", "PREKEYS_NOT_FOUND",
            // §5
            "INVALID_HANDSHAKE_OFFER", "INVALID_SESSION_ID", "UNSUPPORTED_HANDSHAKE_VERSION", "INITIATOR_DEVICE_MISMATCH",
            "RESPONDER_DEVICE_NOT_FOUND", "SESSION_ID_EXISTS", "HANDSHAKE_OFFER_TOO_LARGE", "SESSION_NOT_FOUND",
            // §6
            "INVALID_CIPHERTEXT", "INVALID_AUTH_TAG", "INVALID_CLIENT_MESSAGE_ID", "INVALID_CLIENT_TIMESTAMP",
            "INVALID_RECIPIENT", "SESSION_NOT_ACTIVE", "MESSAGE_TOO_LARGE", "INVALID_RECEIPT_STATUS",
            "NOT_MESSAGE_RECIPIENT", "MESSAGE_NOT_FOUND");

    private final Set<String> observed = ConcurrentHashMap.newKeySet();

    void observe(String code) {
        observed.add(code);
    }

    Set<String> missing() {
        Set<String> missing = new LinkedHashSet<>(EXPECTED);
        missing.removeAll(observed);
        return missing;
    }

    Set<String> observed() {
        return Set.copyOf(observed);
    }
}
