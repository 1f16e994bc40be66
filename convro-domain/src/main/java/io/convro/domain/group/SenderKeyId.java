package io.convro.domain.group;

import io.convro.domain.ErrorCode;
import io.convro.domain.Hex;

/**
 * The id of the sender key a group message was encrypted with: exactly 16 hex characters, lowercase when stored.
 * The key itself travels between members inside pairwise DM sessions; the server only relays its id.
 */
public record SenderKeyId(String value) {
    public static final int LENGTH = 16;

    public SenderKeyId {
        value = Hex.fixed(value, LENGTH, ErrorCode.INVALID_SENDER_KEY_ID, "senderKeyId");
    }

    public static SenderKeyId parse(String text) {
        return new SenderKeyId(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
