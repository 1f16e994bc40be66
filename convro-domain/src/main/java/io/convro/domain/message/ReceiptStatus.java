package io.convro.domain.message;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** What a recipient device reports about a message. */
public enum ReceiptStatus {
    DELIVERED, READ;

    public static ReceiptStatus parse(String text) {
        if ("DELIVERED".equals(text)) {
            return DELIVERED;
        }
        if ("READ".equals(text)) {
            return READ;
        }
        throw new DomainException(ErrorCode.INVALID_RECEIPT_STATUS, "status must be DELIVERED or READ", "status");
    }
}
