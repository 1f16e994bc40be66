package io.convro.application.realtime;

import io.convro.application.sessions.IncomingSession;
import io.convro.domain.device.DeviceId;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupMember;
import io.convro.domain.group.GroupMessage;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import java.time.Instant;
import java.util.List;

/** A server-to-client event of the realtime contract; transports render {@link #name()} and the payload. */
public sealed interface RealtimeEvent {
    String name();

    /** {@code dm:message}: a new message for the device. */
    record MessageReceived(DmMessage message) implements RealtimeEvent {
        public String name() {
            return "dm:message";
        }
    }

    /** {@code dm:receipt}: the recipient device reported a message delivered or read. */
    record ReceiptUpdated(MessageId messageId, SessionId sessionId, ReceiptStatus status, DeviceId recipientDeviceId,
                          Instant at) implements RealtimeEvent {
        public String name() {
            return "dm:receipt";
        }
    }

    /** {@code dm:session:incoming}: another device opened a session with this one. */
    record SessionIncoming(IncomingSession session) implements RealtimeEvent {
        public String name() {
            return "dm:session:incoming";
        }
    }

    /** {@code dm:session:accepted}: the responder accepted a session this device opened. */
    record SessionAccepted(SessionDbId sessionDbId, SessionId sessionId, SessionState state) implements RealtimeEvent {
        public String name() {
            return "dm:session:accepted";
        }
    }

    /** {@code prekeys:low}: fewer than 10 one-time prekeys are left; the device should upload more. */
    record PrekeysLow(int oneTimePrekeysAvailable) implements RealtimeEvent {
        public String name() {
            return "prekeys:low";
        }
    }

    /** {@code device:revoked}: the device was logged out or removed; its sockets close next. */
    record DeviceRevoked(DeviceId deviceId) implements RealtimeEvent {
        public String name() {
            return "device:revoked";
        }
    }

    /** {@code group:message}: a new message in a group; to every member device but the sending one, in one publish. */
    record GroupMessagePosted(GroupMessage message) implements RealtimeEvent {
        public String name() {
            return "group:message";
        }
    }

    /** {@code group:added}: the user became a member of a group (created with it, or added); carries the Group. */
    record GroupAdded(Group group) implements RealtimeEvent {
        public String name() {
            return "group:added";
        }
    }

    /** {@code group:members}: the group's members or their roles changed; carries them all. */
    record GroupMembersChanged(GroupId groupId, List<GroupMember> members) implements RealtimeEvent {
        public GroupMembersChanged {
            members = List.copyOf(members);
        }

        public String name() {
            return "group:members";
        }
    }

    /** {@code group:removed}: the user left or was removed from a group. */
    record GroupRemoved(GroupId groupId) implements RealtimeEvent {
        public String name() {
            return "group:removed";
        }
    }
}
