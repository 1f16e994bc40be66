package io.convro.application.messages;

/** In-port: read a session's messages; only its two devices may ({@code SESSION_NOT_FOUND} otherwise). */
public interface GetHistoryUseCase {
    HistoryPage history(HistoryQuery query);
}
