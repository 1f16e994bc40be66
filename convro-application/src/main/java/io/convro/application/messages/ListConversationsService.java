package io.convro.application.messages;

import io.convro.application.sessions.Sessions;
import io.convro.application.shared.Caller;
import io.convro.application.users.Users;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.DmMessage;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Every session of the caller's device with peer, last message and unread count, in four look-ups. */
public final class ListConversationsService implements ListConversationsUseCase {
    private static final Comparator<Conversation> MOST_RECENT_FIRST = Comparator
            .comparing(Conversation::lastActivity).reversed()
            .thenComparing(conversation -> conversation.sessionDbId().value(), Comparator.reverseOrder());
    private final Sessions sessions;
    private final Users users;
    private final Messages messages;

    public ListConversationsService(Sessions sessions, Users users, Messages messages) {
        this.sessions = sessions;
        this.users = users;
        this.messages = messages;
    }

    @Override
    public List<Conversation> conversations(Caller caller) {
        DeviceId device = caller.deviceId();
        List<DmSession> all = sessions.listOf(device);
        List<SessionDbId> ids = all.stream().map(DmSession::id).toList();
        Map<UserId, User> peers = users.findByIds(all.stream().map(session -> session.peerUserOf(device)).distinct().toList());
        Map<SessionDbId, DmMessage> last = messages.lastMessages(ids);
        Map<SessionDbId, Integer> unread = messages.unreadCounts(device, ids);
        return all.stream().map(session -> {
            User peer = peers.get(session.peerUserOf(device));
            return new Conversation(session.id(), session.sessionId(), session.state(), session.roleOf(device),
                    peer.id(), session.peerOf(device), peer.convroNumber(), peer.username(), session.createdAt(),
                    last.get(session.id()), unread.getOrDefault(session.id(), 0));
        }).sorted(MOST_RECENT_FIRST).toList();
    }
}
