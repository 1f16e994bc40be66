package io.convro.adapter.socketio;

import io.convro.application.realtime.RealtimeEvent;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Events with known payloads, shared by the unit tests and the tests over real sockets. */
final class SampleEvents {
    private SampleEvents() {
    }

    /** A stored message from Bob's laptop to Alice's phone, no client id or timestamp, not yet delivered. */
    static RealtimeEvent.MessageReceived messageToAlice() {
        DmMessage message = DmMessage.compose(new SessionDbId(7), SessionId.parse("0a1b2c3d"), UserId.of(2),
                        DeviceId.parse("b2b2b2b2b2b2b2b2"), DeviceId.parse("a1a1a1a1a1a1a1a1"),
                        Ciphertext.of("sealed".getBytes(StandardCharsets.US_ASCII)), AuthTag.of(new byte[16]), null, null,
                        Instant.parse("2026-11-25T14:10:54.120Z"))
                .withId(MessageId.of(123));
        return new RealtimeEvent.MessageReceived(message);
    }

    /** The JSON a client must receive for {@link #messageToAlice()}: every field of API.md §6, nulls included. */
    static final String MESSAGE_TO_ALICE_JSON = """
            {"messageId":123,"sessionId":"0a1b2c3d","senderUserId":2,"senderDeviceId":"b2b2b2b2b2b2b2b2",
             "recipientDeviceId":"a1a1a1a1a1a1a1a1","ciphertext":"c2VhbGVk","authTag":"AAAAAAAAAAAAAAAAAAAAAA==",
             "clientMessageId":null,"clientTimestamp":null,"serverTimestamp":"2026-11-25T14:10:54.120Z",
             "deliveryState":"PENDING","deliveredAt":null,"readAt":null}""";
}
