package io.convro.application.messages;

import io.convro.domain.message.DmMessage;

/** What the store made of one message handed to {@link StoreMessagePort#storeIfSessionActive}. */
public sealed interface StoreMessageOutcome {
    /** Durably stored: the message with its id. */
    record Stored(DmMessage message) implements StoreMessageOutcome {
    }

    /** Nothing stored: the session was not ACTIVE at that moment (whether or not the clientMessageId was used). */
    record NotActive() implements StoreMessageOutcome {
    }

    /**
     * Nothing stored: the sender device already stored {@code original} under the same clientMessageId for the same
     * recipient device (a retry, or a twin that raced it).
     */
    record DuplicateOf(DmMessage original) implements StoreMessageOutcome {
    }
}
