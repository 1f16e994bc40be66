package io.convro.application.messages;

/**
 * In-port: the caller device's sessions as conversations, a page at a time, most recent activity first (the last
 * message's serverTimestamp, else the session's creation; ties: the higher sessionDbId first).
 */
public interface ListConversationsUseCase {
    ConversationsPage conversations(ConversationsQuery query);
}
