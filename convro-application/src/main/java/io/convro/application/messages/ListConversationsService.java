package io.convro.application.messages;

import io.convro.application.sessions.Sessions;
import io.convro.application.users.Users;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of the caller device's conversations, in five look-ups: the page's sessions in order (one look-up per
 * session of the device, whatever their messages), then the sessions, peers, last messages and capped unread counts
 * of that page only. So a device with many sessions or a long history costs its page, not its history.
 */
public final class ListConversationsService implements ListConversationsUseCase {
    private final Sessions sessions;
    private final Users users;
    private final Messages messages;

    public ListConversationsService(Sessions sessions, Users users, Messages messages) {
        this.sessions = sessions;
        this.users = users;
        this.messages = messages;
    }

    @Override
    public ConversationsPage conversations(ConversationsQuery query) {
        DeviceId device = query.caller().deviceId();
        List<SessionActivity> recent = messages.recentSessions(device, query.cursor(), query.limit() + 1);
        boolean hasMore = recent.size() > query.limit();
        List<SessionActivity> page = hasMore ? recent.subList(0, query.limit()) : recent;
        List<SessionDbId> ids = page.stream().map(SessionActivity::sessionDbId).toList();
        Map<SessionDbId, DmSession> found = sessions.findByIds(ids);
        Map<UserId, User> peers = users.findByIds(found.values().stream().map(session -> session.peerUserOf(device)).distinct().toList());
        Map<MessageId, DmMessage> last = messages.findByIds(page.stream().map(SessionActivity::lastMessageId)
                .filter(Objects::nonNull).toList());
        Map<SessionDbId, Integer> unread = messages.unreadCounts(device, ids, Conversation.UNREAD_COUNT_CAP);
        List<Conversation> conversations = page.stream().map(activity -> {
            DmSession session = found.get(activity.sessionDbId());
            User peer = peers.get(session.peerUserOf(device));
            return new Conversation(session.id(), session.sessionId(), session.state(), session.roleOf(device),
                    peer.id(), session.peerOf(device), peer.convroNumber(), peer.username(), session.createdAt(),
                    activity.lastMessageId() == null ? null : last.get(activity.lastMessageId()),
                    unread.getOrDefault(session.id(), 0));
        }).toList();
        SessionActivity end = page.isEmpty() ? null : page.get(page.size() - 1);
        return new ConversationsPage(conversations, hasMore,
                hasMore ? new ConversationCursor(end.lastActivity(), end.sessionDbId()) : null);
    }
}
