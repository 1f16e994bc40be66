package io.convro.domain.session;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.X25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A C6P v1 handshake offer. The server checks the fields it relies on and keeps the whole offer
 * verbatim ({@link #json()}), other fields included, for the responder to read.
 */
public record HandshakeOffer(int version, DeviceId initiatorDeviceId, DeviceId responderDeviceId, SessionId sessionId,
                             X25519PublicKey ephemeralPublicKey, X25519PublicKey usedSignedPrekeyPublicKey,
                             KeyId usedOneTimePrekeyId, String json) {
    public static final int SUPPORTED_VERSION = 1;
    /** The serialized offer may take at most 8 KiB. */
    public static final int MAX_BYTES = 8 * 1024;

    /**
     * Check an offer given as its decoded JSON object ({@code fields}, values as a JSON library gives them:
     * strings, numbers, null) and its serialized form ({@code json}, kept verbatim).
     */
    public static HandshakeOffer parse(Map<String, ?> fields, String json) {
        if (fields == null || json == null) {
            throw invalid("handshakeOffer is required", "handshakeOffer");
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new DomainException(ErrorCode.HANDSHAKE_OFFER_TOO_LARGE, "handshakeOffer must be at most 8 KiB", "handshakeOffer");
        }
        Object version = fields.get("version");
        if (!(version instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw invalid("handshakeOffer.version must be an integer", "handshakeOffer.version");
        }
        if (number.longValue() != SUPPORTED_VERSION) {
            throw new DomainException(ErrorCode.UNSUPPORTED_HANDSHAKE_VERSION, "only handshake version 1 is supported", "handshakeOffer.version");
        }
        DeviceId initiator = device(fields, "initiatorDeviceId");
        DeviceId responder = device(fields, "responderDeviceId");
        Object rawSessionId = fields.get("sessionId");
        if (!(rawSessionId instanceof String sessionIdText)) {
            throw new DomainException(ErrorCode.INVALID_SESSION_ID, "sessionId must be exactly 8 hex characters", "handshakeOffer.sessionId");
        }
        SessionId sessionId = SessionId.parse(sessionIdText);
        X25519PublicKey ephemeral = key(fields, "ephemeralPublicKeyX25519");
        X25519PublicKey usedSigned = key(fields, "usedSignedPrekeyPublicKeyX25519");
        Object usedOtp = fields.get("usedOneTimePrekeyId");
        KeyId usedOneTime = null;
        if (usedOtp != null) {
            if (!(usedOtp instanceof String text)) {
                throw invalid("usedOneTimePrekeyId must be 16 hex characters or null", "handshakeOffer.usedOneTimePrekeyId");
            }
            try {
                usedOneTime = KeyId.parse(text);
            } catch (DomainException e) {
                throw invalid("usedOneTimePrekeyId must be 16 hex characters or null", "handshakeOffer.usedOneTimePrekeyId");
            }
        }
        return new HandshakeOffer(SUPPORTED_VERSION, initiator, responder, sessionId, ephemeral, usedSigned, usedOneTime, json);
    }

    /**
     * The checks that need the caller, in the contract's order: the initiator must be the calling device
     * ({@code 403 INITIATOR_DEVICE_MISMATCH}) before the responder may not be that same device
     * ({@code 400 INVALID_HANDSHAKE_OFFER}). An offer naming one device on both sides answers the first
     * when the caller is not that device.
     */
    public void checkOpenedBy(DeviceId caller) {
        if (!initiatorDeviceId.equals(caller)) {
            throw new DomainException(ErrorCode.INITIATOR_DEVICE_MISMATCH, "initiatorDeviceId must be the calling device",
                    "handshakeOffer.initiatorDeviceId");
        }
        if (responderDeviceId.equals(caller)) {
            throw invalid("a device cannot open a session with itself", "handshakeOffer.responderDeviceId");
        }
    }

    private static DeviceId device(Map<String, ?> fields, String name) {
        Object value = fields.get(name);
        try {
            if (value instanceof String text) {
                return DeviceId.parse(text);
            }
        } catch (DomainException ignored) {
            // reported below with the offer's own code
        }
        throw invalid(name + " must be exactly 16 hex characters", "handshakeOffer." + name);
    }

    private static X25519PublicKey key(Map<String, ?> fields, String name) {
        Object value = fields.get(name);
        if (!(value instanceof String text)) {
            throw invalid(name + " must be a 32-byte key in base64 or base64url", "handshakeOffer." + name);
        }
        try {
            return X25519PublicKey.parseLenient(text, ErrorCode.INVALID_HANDSHAKE_OFFER);
        } catch (DomainException e) {
            throw e.forField("handshakeOffer." + name);
        }
    }

    private static DomainException invalid(String message, String field) {
        return new DomainException(ErrorCode.INVALID_HANDSHAKE_OFFER, message, field);
    }
}
