package io.convro.application.messages;

import io.convro.domain.message.MessageId;

/** Where a history page starts: the newest messages, before an id (backwards), or after an id (forwards). */
public sealed interface HistoryCursor {
    record Latest() implements HistoryCursor {
    }

    record Before(MessageId id) implements HistoryCursor {
    }

    record After(MessageId id) implements HistoryCursor {
    }
}
