package io.convro.application.messages;

import io.convro.domain.device.DeviceId;
import io.convro.domain.message.DmMessage;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionRole;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.time.Instant;

/**
 * One session of the caller's device with its peer, last message (null when none) and how many messages to the
 * caller's device are not READ, counted up to {@link #UNREAD_COUNT_CAP}.
 */
public record Conversation(SessionDbId sessionDbId, SessionId sessionId, SessionState state, SessionRole role,
                           UserId peerUserId, DeviceId peerDeviceId, ConvroNumber peerConvroNumber,
                           Username peerUsername, Instant createdAt, DmMessage lastMessage, int unreadCount) {
    /**
     * The most unread messages a conversation counts: a badge shows "99+" long before, and counting stops there, so a
     * device with 100,000 unread messages costs no more to list than one with 100.
     */
    public static final int UNREAD_COUNT_CAP = 100;

    /** When anything last happened: the last message, else the session's creation. */
    public Instant lastActivity() {
        return lastMessage != null ? lastMessage.serverTimestamp() : createdAt;
    }
}
