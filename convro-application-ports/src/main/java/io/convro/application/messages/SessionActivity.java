package io.convro.application.messages;

import io.convro.domain.message.MessageId;
import io.convro.domain.session.SessionDbId;
import java.time.Instant;

/**
 * When a session last saw activity: its newest message ({@code lastMessageId}, null when it has none) and that
 * message's serverTimestamp, else the session's creation.
 */
public record SessionActivity(SessionDbId sessionDbId, MessageId lastMessageId, Instant lastActivity) {
}
