package io.convro.application.sessions;

import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/**
 * A page of the sessions waiting for the caller's device, oldest first: those with a {@code sessionDbId} greater
 * than {@code afterSessionDbId} (0: from the first), at most {@code limit} 1..100 (default 50). A page is at most
 * 100 offers of at most 8 KiB: under a megabyte however many sessions wait.
 */
public record IncomingSessionsQuery(Caller caller, long afterSessionDbId, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public IncomingSessionsQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "limit must be 1..100", "limit");
        }
        if (afterSessionDbId < 0) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "afterId must be 0 or a sessionDbId", "afterId");
        }
    }

    /** The first page, of the default size. */
    public static IncomingSessionsQuery first(Caller caller) {
        return new IncomingSessionsQuery(caller, 0, DEFAULT_LIMIT);
    }
}
