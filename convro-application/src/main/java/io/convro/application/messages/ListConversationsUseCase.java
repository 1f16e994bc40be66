package io.convro.application.messages;

import io.convro.application.shared.Caller;
import java.util.List;

/** In-port: every session of the caller's device, most recent activity first. */
public interface ListConversationsUseCase {
    List<Conversation> conversations(Caller caller);
}
