package io.convro.application.realtime;

import io.convro.application.sessions.IncomingSession;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import java.time.Instant;

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
}
