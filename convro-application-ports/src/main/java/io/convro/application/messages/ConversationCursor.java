package io.convro.application.messages;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.session.SessionDbId;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the next page of conversations starts: right after the conversation with this last activity and id, in the
 * order of {@link ListConversationsUseCase} (most recent activity first, then the higher sessionDbId first). A client
 * gets it as an opaque text ({@link #text()}) and hands it back unchanged ({@link #parse}).
 */
public record ConversationCursor(Instant lastActivity, SessionDbId sessionDbId) {
    public ConversationCursor {
        Objects.requireNonNull(lastActivity, "lastActivity");
        Objects.requireNonNull(sessionDbId, "sessionDbId");
    }

    /** A cursor as {@link #text()} wrote it: {@code <epoch milliseconds>.<sessionDbId>}; anything else is INVALID_QUERY. */
    public static ConversationCursor parse(String text) {
        int dot = text == null ? -1 : text.indexOf('.');
        if (dot < 1 || dot == text.length() - 1 || !digitsOnly(text, 0, dot) || !digitsOnly(text, dot + 1, text.length())) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "not a cursor this server gave out", "cursor");
        }
        try {
            long millis = Long.parseLong(text.substring(0, dot));
            long session = Long.parseLong(text.substring(dot + 1));
            if (session < 1) {
                throw new NumberFormatException("not positive");
            }
            return new ConversationCursor(Instant.ofEpochMilli(millis), new SessionDbId(session));
        } catch (RuntimeException outOfRange) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "not a cursor this server gave out", "cursor");
        }
    }

    /** The text a client hands back to get the next page. */
    public String text() {
        return lastActivity.toEpochMilli() + "." + sessionDbId.value();
    }

    private static boolean digitsOnly(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
