package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.Millis;
import io.convro.application.messages.SessionActivity;
import io.convro.domain.message.MessageId;
import io.convro.domain.session.SessionDbId;

/**
 * One line of the conversation-order query: a session, its newest message (null when none) and its last activity.
 * Public only because JDBI maps it reflectively; not an API of the adapter.
 */
public record SessionActivityRow(long sessionDbId, Long lastId, long activity) {
    SessionActivity toDomain() {
        return new SessionActivity(new SessionDbId(sessionDbId), lastId == null ? null : MessageId.of(lastId),
                Millis.toInstant(activity));
    }
}
