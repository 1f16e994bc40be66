package io.convro.application.messages;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * In-port: store a message and wake the recipient ({@code dm:message}) after it is durably stored.
 * A repeated clientMessageId of the same device returns the original and stores and emits nothing.
 * Rejections: {@code SESSION_NOT_FOUND}, {@code INVALID_RECIPIENT}, {@code SESSION_NOT_ACTIVE}.
 *
 * <p>Asynchronous, because a send waits for a commit that it shares with other sends (group commit): the stage
 * completes once the message is stored, or exceptionally with the rejection's {@code DomainException}. The calling
 * thread is not held meanwhile; the stage may complete on a thread of the store's own.
 */
public interface SendMessageUseCase {
    CompletionStage<SentMessage> send(SendMessageCommand command);

    /** {@link #send}, waiting for the outcome; a rejection is thrown as it is. For callers that may block. */
    default SentMessage sendAndWait(SendMessageCommand command) {
        try {
            return send(command).toCompletableFuture().join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException rejection) {
                throw rejection;
            }
            throw failed;
        }
    }
}
