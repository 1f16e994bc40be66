package io.convro.application.messages;

import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/**
 * A page of the caller device's conversations: {@code limit} 1..200 (default 50), from the most recent one, or
 * after {@code cursor} (the previous page's {@link ConversationsPage#next()}) when it is not null.
 */
public record ConversationsQuery(Caller caller, ConversationCursor cursor, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public ConversationsQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "limit must be 1.." + MAX_LIMIT, "limit");
        }
    }

    /** The first page with the default limit. */
    public static ConversationsQuery first(Caller caller) {
        return new ConversationsQuery(caller, null, DEFAULT_LIMIT);
    }
}
