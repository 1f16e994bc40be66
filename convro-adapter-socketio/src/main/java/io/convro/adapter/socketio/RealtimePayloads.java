package io.convro.adapter.socketio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimeEvent.DeviceRevoked;
import io.convro.application.realtime.RealtimeEvent.GroupAdded;
import io.convro.application.realtime.RealtimeEvent.GroupMembersChanged;
import io.convro.application.realtime.RealtimeEvent.GroupMessagePosted;
import io.convro.application.realtime.RealtimeEvent.GroupRemoved;
import io.convro.application.realtime.RealtimeEvent.MessageReceived;
import io.convro.application.realtime.RealtimeEvent.PrekeysLow;
import io.convro.application.realtime.RealtimeEvent.ReceiptUpdated;
import io.convro.application.realtime.RealtimeEvent.SessionAccepted;
import io.convro.application.realtime.RealtimeEvent.SessionIncoming;
import io.convro.application.sessions.IncomingSession;
import io.convro.domain.WireTime;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupMember;
import io.convro.domain.group.GroupMessage;
import io.convro.domain.message.DmMessage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders each {@link RealtimeEvent} to the JSON payload of API.md §7: {@code dm:message}, the busy one, as JSON
 * text written once ({@link RawJson}); the others as plain maps of strings, numbers, {@code null}s and nested maps.
 * netty-socketio writes both with Jackson, and with Redis both cross nodes through Redisson's codec without any
 * registration. Every field of the contract is present,
 * {@code null} included.
 */
final class RealtimePayloads {
    // decimals stay BigDecimal, so a number in the offer goes out digit for digit as it came in
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RealtimePayloads() {
    }

    /** The payload of {@code event}: the message as JSON written once, the other (rarer) events as maps. */
    static Object of(RealtimeEvent event) {
        if (event instanceof MessageReceived received) {
            return new RawJson(messageJson(received.message()));
        }
        if (event instanceof ReceiptUpdated receipt) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("messageId", receipt.messageId().value());
            payload.put("sessionId", receipt.sessionId().value());
            payload.put("status", receipt.status().name());
            payload.put("recipientDeviceId", receipt.recipientDeviceId().value());
            payload.put("at", WireTime.format(receipt.at()));
            return payload;
        }
        if (event instanceof SessionIncoming incoming) {
            return incoming(incoming.session());
        }
        if (event instanceof SessionAccepted accepted) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("sessionDbId", accepted.sessionDbId().value());
            payload.put("sessionId", accepted.sessionId().value());
            payload.put("state", accepted.state().name());
            return payload;
        }
        if (event instanceof PrekeysLow low) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("oneTimePrekeysAvailable", low.oneTimePrekeysAvailable());
            return payload;
        }
        if (event instanceof DeviceRevoked revoked) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("deviceId", revoked.deviceId().value());
            return payload;
        }
        if (event instanceof GroupMessagePosted posted) {
            return new RawJson(groupMessageJson(posted.message()));
        }
        if (event instanceof GroupAdded added) {
            return group(added.group());
        }
        if (event instanceof GroupMembersChanged changed) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("groupId", changed.groupId().value());
            payload.put("members", members(changed.members()));
            return payload;
        }
        if (event instanceof GroupRemoved removed) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("groupId", removed.groupId().value());
            return payload;
        }
        throw new IllegalArgumentException("no payload for realtime event " + event.name());
    }

    /** The payload of {@code event} as JSON text (what a group room's event carries between nodes). */
    static String jsonOf(RealtimeEvent event) {
        Object payload = of(event);
        if (payload instanceof RawJson raw) {
            return raw.toString();
        }
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException cannot) {
            throw new IllegalStateException("cannot render " + event.name(), cannot);
        }
    }

    /** The Group of API.md §10: {@code {groupId, kind, encryptedTitle, createdAt, members:[{userId, role, joinedAt}]}}. */
    static Map<String, Object> group(Group group) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("groupId", group.id().value());
        payload.put("kind", group.kind().name());
        payload.put("encryptedTitle", group.encryptedTitle() == null ? null : group.encryptedTitle().base64());
        payload.put("createdAt", WireTime.format(group.createdAt()));
        payload.put("members", members(group.members()));
        return payload;
    }

    private static List<Map<String, Object>> members(List<GroupMember> members) {
        List<Map<String, Object>> list = new ArrayList<>(members.size());
        for (GroupMember member : members) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("userId", member.userId().value());
            item.put("role", member.role().name());
            item.put("joinedAt", WireTime.format(member.joinedAt()));
            list.add(item);
        }
        return list;
    }

    /** The GroupMessage of API.md §10 as JSON text, written once however many sockets and nodes it reaches. */
    static String groupMessageJson(GroupMessage message) {
        StringWriter text = new StringWriter(256 + message.ciphertext().bytes().length * 4 / 3);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("messageId", message.id().value());
            json.writeStringField("groupId", message.groupId().value());
            json.writeNumberField("senderUserId", message.senderUserId().value());
            json.writeStringField("senderDeviceId", message.senderDeviceId().value());
            json.writeStringField("senderKeyId", message.senderKeyId().value());
            json.writeStringField("ciphertext", message.ciphertext().base64());
            json.writeStringField("authTag", message.authTag().base64());
            json.writeStringField("clientMessageId", message.clientMessageId() == null ? null : message.clientMessageId().value());
            json.writeStringField("clientTimestamp",
                    message.clientTimestamp() == null ? null : WireTime.format(message.clientTimestamp().value()));
            json.writeStringField("serverTimestamp", WireTime.format(message.serverTimestamp()));
            json.writeEndObject();
        } catch (IOException cannot) {
            throw new UncheckedIOException(cannot);
        }
        return text.toString();
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * The Message object of API.md §6 as JSON text, written field by field: every dm:message costs one rendering,
     * whichever sockets and nodes it reaches. Every field of the contract is present, {@code null} included.
     */
    static String messageJson(DmMessage message) {
        StringWriter text = new StringWriter(256 + message.ciphertext().bytes().length * 4 / 3);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            if (message.id() == null) {
                json.writeNullField("messageId");
            } else {
                json.writeNumberField("messageId", message.id().value());
            }
            json.writeStringField("sessionId", message.sessionId().value());
            json.writeNumberField("senderUserId", message.senderUserId().value());
            json.writeStringField("senderDeviceId", message.senderDeviceId().value());
            json.writeStringField("recipientDeviceId", message.recipientDeviceId().value());
            json.writeStringField("ciphertext", message.ciphertext().base64());
            json.writeStringField("authTag", message.authTag().base64());
            json.writeStringField("clientMessageId", message.clientMessageId() == null ? null : message.clientMessageId().value());
            json.writeStringField("clientTimestamp",
                    message.clientTimestamp() == null ? null : WireTime.format(message.clientTimestamp().value()));
            json.writeStringField("serverTimestamp", WireTime.format(message.serverTimestamp()));
            json.writeStringField("deliveryState", message.deliveryState().name());
            json.writeStringField("deliveredAt", WireTime.format(message.deliveredAt()));
            json.writeStringField("readAt", WireTime.format(message.readAt()));
            json.writeEndObject();
        } catch (IOException cannot) {
            throw new UncheckedIOException(cannot);
        }
        return text.toString();
    }

    /** The incoming-session item of API.md §5, with the handshake offer as the JSON object the initiator sent. */
    static Map<String, Object> incoming(IncomingSession session) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sessionDbId", session.sessionDbId().value());
        payload.put("sessionId", session.sessionId().value());
        payload.put("initiatorUserId", session.initiatorUserId().value());
        payload.put("initiatorDeviceId", session.initiatorDeviceId().value());
        payload.put("initiatorConvroNumber", session.initiatorConvroNumber().value());
        payload.put("initiatorUsername", session.initiatorUsername() == null ? null : session.initiatorUsername().value());
        payload.put("handshakeOffer", offer(session.handshakeOfferJson()));
        payload.put("createdAt", WireTime.format(session.createdAt()));
        return payload;
    }

    private static Object offer(String json) {
        try {
            // maps, lists, strings, numbers, booleans, nulls: the offer exactly as stored, as a JSON value
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException stored) {
            throw new IllegalStateException("stored handshake offer is not JSON", stored);
        }
    }
}
