package io.convro.adapter.http.validation;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.group.SenderKeyId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.X25519PublicKey;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.FullName;
import io.convro.domain.user.Password;
import io.convro.domain.user.Username;
import java.util.function.Consumer;

/**
 * Every kind of value a request body carries, each checked by the domain's own parser: the HTTP adapter
 * keeps no second copy of a rule, it only asks the domain and reports the domain's code. A parser is
 * called with {@code null} for a required value that is missing, so the domain's code answers that too.
 */
public enum WireValue {
    PASSWORD(text(Password::parse)),
    USERNAME(text(Username::parse)),
    FULL_NAME(text(FullName::parse)),
    DEVICE_ID(text(DeviceId::parse)),
    PLATFORM(text(Platform::parse)),
    DEVICE_LABEL(text(DeviceLabel::parse)),
    IDENTITY_KEY(text(Ed25519PublicKey::parseBase64)),
    FINGERPRINT(text(WireValue::fingerprint)),
    KEY_ID(text(KeyId::parse)),
    SIGNED_PREKEY_PUBLIC_KEY(text(t -> X25519PublicKey.parseBase64(t, ErrorCode.INVALID_SIGNED_PREKEY))),
    SIGNED_PREKEY_SIGNATURE(text(Ed25519Signature::parseBase64)),
    ONE_TIME_PREKEY_PUBLIC_KEY(text(t -> X25519PublicKey.parseBase64(t, ErrorCode.INVALID_ONE_TIME_PREKEY))),
    /** A malformed recipient cannot be the session's other device: the send's own code says so. */
    RECIPIENT_DEVICE_ID(text(WireValue::recipient)),
    SESSION_ID(text(SessionId::parse)),
    CIPHERTEXT(text(Ciphertext::parseBase64)),
    SENDER_KEY_ID(text(SenderKeyId::parse)),
    AUTH_TAG(text(AuthTag::parseBase64)),
    CLIENT_MESSAGE_ID(text(ClientMessageId::parse)),
    CLIENT_TIMESTAMP(text(ClientTimestamp::parse)),
    RECEIPT_STATUS(text(ReceiptStatus::parse)),
    MESSAGE_ID(number(v -> MessageId.of(v == null ? 0 : v))),
    /** The contract has no code of its own for a bad peer id; the offer names no reachable responder. */
    /** A fan-out's recipient: an id that is no positive number names no user. */
    RECIPIENT_USER_ID(number(v -> positive(v, ErrorCode.USER_NOT_FOUND, "recipientUserId"))),
    PEER_USER_ID(number(v -> positive(v, ErrorCode.INVALID_HANDSHAKE_OFFER, "peerUserId"))),
    /** An id that cannot exist names no session: the same answer as an unknown one. */
    SESSION_DB_ID(number(v -> positive(v, ErrorCode.SESSION_NOT_FOUND, "sessionDbId")));

    private final Consumer<Object> check;

    WireValue(Consumer<Object> check) {
        this.check = check;
    }

    /** Throw the domain's {@link DomainException} if {@code value} is not acceptable. */
    public void check(Object value) {
        check.accept(value);
    }

    private static Consumer<Object> text(Consumer<String> parser) {
        return value -> parser.accept((String) value);
    }

    private static Consumer<Object> number(Consumer<Long> parser) {
        return value -> parser.accept(value == null ? null : ((Number) value).longValue());
    }

    private static void fingerprint(String text) {
        if (text != null && text.codePointCount(0, text.length()) > IdentityKey.MAX_FINGERPRINT_LENGTH) {
            throw new DomainException(ErrorCode.INVALID_IDENTITY_KEY, "identity.fingerprint must be at most 128 characters");
        }
    }

    private static void recipient(String text) {
        try {
            DeviceId.parse(text);
        } catch (DomainException e) {
            throw new DomainException(ErrorCode.INVALID_RECIPIENT, "recipientDeviceId must be exactly 16 hex characters");
        }
    }

    private static void positive(Long value, ErrorCode code, String field) {
        if (value == null || value <= 0) {
            throw new DomainException(code, field + " must be a positive integer", field);
        }
    }
}
