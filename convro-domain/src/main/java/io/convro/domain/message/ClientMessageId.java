package io.convro.domain.message;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** The sender's idempotency key for a message: 1..64 printable characters, unique per sending device. */
public record ClientMessageId(String value) {
    public static final int MAX_LENGTH = 64;

    public ClientMessageId {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new DomainException(ErrorCode.INVALID_CLIENT_MESSAGE_ID, "clientMessageId must be 1..64 characters", "clientMessageId");
        }
    }

    public static ClientMessageId parse(String text) {
        return new ClientMessageId(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
