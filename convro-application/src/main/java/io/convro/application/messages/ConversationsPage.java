package io.convro.application.messages;

import java.util.List;

/**
 * One page of conversations, most recent activity first; {@code next} is where the following page starts, null when
 * {@code hasMore} is false.
 */
public record ConversationsPage(List<Conversation> conversations, boolean hasMore, ConversationCursor next) {
    public ConversationsPage {
        conversations = List.copyOf(conversations);
    }
}
