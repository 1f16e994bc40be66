package io.convro.adapter.http.messages;

import io.convro.application.messages.Conversation;
import io.convro.application.messages.SentMessage;
import io.convro.domain.WireTime;
import io.convro.domain.message.DmMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Response bodies of the message routes (API.md §6). */
final class MessagesJson {
    private MessagesJson() {
    }

    record Sent(boolean ok, long messageId, String serverTimestamp, String deliveryState) {
        static Sent of(SentMessage sent) {
            return new Sent(true, sent.messageId().value(), WireTime.format(sent.serverTimestamp()),
                    sent.deliveryState().name());
        }

        /**
         * This answer's JSON: the busiest response there is, so its few bytes are written once and straight out (a
         * number, a wire time and an enum name: nothing to escape).
         */
        byte[] bytes() {
            return ("{\"ok\":" + ok + ",\"messageId\":" + messageId + ",\"serverTimestamp\":\"" + serverTimestamp
                    + "\",\"deliveryState\":\"" + deliveryState + "\"}").getBytes(StandardCharsets.US_ASCII);
        }
    }

    record History(List<MessageJson> messages, boolean hasMore) {
    }

    record LastMessage(long messageId, String senderDeviceId, String serverTimestamp, String deliveryState) {
        static LastMessage of(DmMessage message) {
            return message == null ? null : new LastMessage(message.id().value(), message.senderDeviceId().value(),
                    WireTime.format(message.serverTimestamp()), message.deliveryState().name());
        }
    }

    record ConversationItem(long sessionDbId, String sessionId, String state, String role, long peerUserId,
                            String peerDeviceId, String peerConvroNumber, String peerUsername, String createdAt,
                            LastMessage lastMessage, int unreadCount) {
        static ConversationItem of(Conversation c) {
            return new ConversationItem(c.sessionDbId().value(), c.sessionId().value(), c.state().name(), c.role().name(),
                    c.peerUserId().value(), c.peerDeviceId().value(), c.peerConvroNumber().value(),
                    c.peerUsername() == null ? null : c.peerUsername().value(), WireTime.format(c.createdAt()),
                    LastMessage.of(c.lastMessage()), c.unreadCount());
        }
    }

    /** A page of conversations; {@code nextCursor} is null on the last page (kept in the JSON as {@code null}). */
    record Conversations(List<ConversationItem> conversations, boolean hasMore, String nextCursor) {
    }

    record Ok(boolean ok) {
    }

    /** The answer of {@code POST /v1/dm/messages/fanout}: every copy's id, all with one serverTimestamp. */
    record FanoutSent(boolean ok, String serverTimestamp, List<Copy> messages) {
        static FanoutSent of(io.convro.application.messages.FanoutSent sent) {
            return new FanoutSent(true, WireTime.format(sent.serverTimestamp()), sent.messages().stream()
                    .map(copy -> new Copy(copy.recipientDeviceId().value(), copy.messageId().value())).toList());
        }
    }

    /** One stored copy of a fan-out. */
    record Copy(String recipientDeviceId, long messageId) {
    }
}
