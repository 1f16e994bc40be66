package io.convro.adapter.persistence.messages;

/**
 * One line of the unread-count query: a session and how many messages in it are not READ (up to the cap).
 */
record UnreadRow(long sessionDbId, int unread) {
}
