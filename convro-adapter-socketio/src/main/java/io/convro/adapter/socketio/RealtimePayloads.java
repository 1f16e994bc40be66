package io.convro.adapter.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimeEvent.DeviceRevoked;
import io.convro.application.realtime.RealtimeEvent.MessageReceived;
import io.convro.application.realtime.RealtimeEvent.PrekeysLow;
import io.convro.application.realtime.RealtimeEvent.ReceiptUpdated;
import io.convro.application.realtime.RealtimeEvent.SessionAccepted;
import io.convro.application.realtime.RealtimeEvent.SessionIncoming;
import io.convro.application.sessions.IncomingSession;
import io.convro.domain.WireTime;
import io.convro.domain.message.DmMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders each {@link RealtimeEvent} to the JSON payload of API.md §7, as plain maps of strings, numbers,
 * {@code null}s and nested maps: netty-socketio writes them with Jackson, and with Redis they cross nodes through
 * Redisson's codec, which handles such maps without any registration. Every field of the contract is present,
 * {@code null} included.
 */
final class RealtimePayloads {
    // decimals stay BigDecimal, so a number in the offer goes out digit for digit as it came in
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RealtimePayloads() {
    }

    static Map<String, Object> of(RealtimeEvent event) {
        if (event instanceof MessageReceived received) {
            return message(received.message());
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
        throw new IllegalArgumentException("no payload for realtime event " + event.name());
    }

    /** The Message object of API.md §6. */
    static Map<String, Object> message(DmMessage message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("messageId", message.id() == null ? null : message.id().value());
        payload.put("sessionId", message.sessionId().value());
        payload.put("senderUserId", message.senderUserId().value());
        payload.put("senderDeviceId", message.senderDeviceId().value());
        payload.put("recipientDeviceId", message.recipientDeviceId().value());
        payload.put("ciphertext", message.ciphertext().base64());
        payload.put("authTag", message.authTag().base64());
        payload.put("clientMessageId", message.clientMessageId() == null ? null : message.clientMessageId().value());
        payload.put("clientTimestamp",
                message.clientTimestamp() == null ? null : WireTime.format(message.clientTimestamp().value()));
        payload.put("serverTimestamp", WireTime.format(message.serverTimestamp()));
        payload.put("deliveryState", message.deliveryState().name());
        payload.put("deliveredAt", WireTime.format(message.deliveredAt()));
        payload.put("readAt", WireTime.format(message.readAt()));
        return payload;
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
