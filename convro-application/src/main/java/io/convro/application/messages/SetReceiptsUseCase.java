package io.convro.application.messages;

/**
 * In-port: the recipient device reports messages DELIVERED or READ (forward only; DELIVERED after READ is
 * a no-op); the sender device gets {@code dm:receipt} for each message that moved. All or nothing.
 * Rejections: {@code NOT_MESSAGE_RECIPIENT} (the sender tried), {@code MESSAGE_NOT_FOUND}.
 */
public interface SetReceiptsUseCase {
    void setReceipts(ReceiptCommand command);
}
