package io.convro.application.messages;

/** The sender device already stored a message with that clientMessageId (a retry, or a concurrent twin). */
public final class DuplicateClientMessageIdException extends RuntimeException {
    public DuplicateClientMessageIdException() {
        super("duplicate clientMessageId", null, false, false);
    }
}
