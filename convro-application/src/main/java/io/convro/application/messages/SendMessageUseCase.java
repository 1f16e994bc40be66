package io.convro.application.messages;

/**
 * In-port: store a message and wake the recipient ({@code dm:message}) after it is durably stored.
 * A repeated clientMessageId of the same device returns the original and stores and emits nothing.
 * Rejections: {@code SESSION_NOT_FOUND}, {@code INVALID_RECIPIENT}, {@code SESSION_NOT_ACTIVE}.
 */
public interface SendMessageUseCase {
    SentMessage send(SendMessageCommand command);
}
