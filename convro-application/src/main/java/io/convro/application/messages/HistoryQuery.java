package io.convro.application.messages;

import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.session.SessionId;

/** A page of a session's history: {@code limit} 1..200 (default 50). */
public record HistoryQuery(Caller caller, SessionId sessionId, HistoryCursor cursor, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /**
     * The ciphertext one page may carry: 200 messages of 1.3 KB, or 4 of the largest (64 KiB). Without it a page of
     * 200 large messages was a 6.5 MB answer built whole in the heap, and a few at once ran a node out of memory.
     */
    public static final long MAX_PAGE_CIPHERTEXT_BYTES = 256 * 1024;

    public HistoryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "limit must be 1..200", "limit");
        }
        cursor = cursor == null ? new HistoryCursor.Latest() : cursor;
    }
}
