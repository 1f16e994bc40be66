package io.convro.adapter.persistence.messages;

/**
 * One line of the unread-count query: a session and how many messages in it are not READ.
 * Public only because JDBI binds and maps it reflectively; not an API of the adapter.
 */
public record UnreadRow(long sessionDbId, int unread) {
}
