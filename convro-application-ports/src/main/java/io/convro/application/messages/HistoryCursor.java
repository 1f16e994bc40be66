package io.convro.application.messages;

import io.convro.domain.message.MessageId;

/**
 * Where a history page starts: the newest messages (backwards), before an id (backwards), after an id (forwards),
 * or the session's first message (forwards: {@code afterId=0}).
 */
public sealed interface HistoryCursor {
    record Latest() implements HistoryCursor {
    }

    record Before(MessageId id) implements HistoryCursor {
    }

    record After(MessageId id) implements HistoryCursor {
    }

    /** From the session's oldest message, oldest first: a client catching up from the start. */
    record First() implements HistoryCursor {
    }
}
