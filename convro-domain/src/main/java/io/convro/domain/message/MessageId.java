package io.convro.domain.message;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** A stored message's server id: a positive 64-bit integer, growing with each message stored. */
public record MessageId(long value) {
    public MessageId {
        if (value <= 0) {
            throw new DomainException(ErrorCode.MESSAGE_NOT_FOUND, "messageId must be a positive integer", "messageId");
        }
    }

    public static MessageId of(long value) {
        return new MessageId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
