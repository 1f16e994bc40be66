package io.convro.adapter.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.sessions.IncomingSession;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RealtimePayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void messageCarriesEveryFieldOfTheMessageObjectWithNullsPresent() throws Exception {
        assertThat(rendered(SampleEvents.messageToAlice())).isEqualTo(JSON.readTree(SampleEvents.MESSAGE_TO_ALICE_JSON));
    }

    @Test
    void readMessageCarriesClientFieldsAndReceiptTimesInWireFormat() throws Exception {
        DmMessage read = SampleEvents.messageToAlice().message();
        read = new DmMessage(read.id(), read.sessionDbId(), read.sessionId(), read.senderUserId(), read.senderDeviceId(),
                read.recipientDeviceId(), read.ciphertext(), read.authTag(), ClientMessageId.parse("c-1"),
                ClientTimestamp.parse("2026-11-25T15:10:54.1+01:00"), read.serverTimestamp(),
                read.deliveryState().advancedBy(ReceiptStatus.READ), Instant.parse("2026-11-25T14:11:00Z"),
                Instant.parse("2026-11-25T14:12:00.5Z"));

        JsonNode json = rendered(new RealtimeEvent.MessageReceived(read));

        assertThat(json.get("clientMessageId").asText()).isEqualTo("c-1");
        assertThat(json.get("clientTimestamp").asText()).isEqualTo("2026-11-25T14:10:54.100Z");
        assertThat(json.get("deliveryState").asText()).isEqualTo("READ");
        assertThat(json.get("deliveredAt").asText()).isEqualTo("2026-11-25T14:11:00.000Z");
        assertThat(json.get("readAt").asText()).isEqualTo("2026-11-25T14:12:00.500Z");
    }

    @Test
    void receiptNamesMessageSessionStatusRecipientAndTime() throws Exception {
        RealtimeEvent receipt = new RealtimeEvent.ReceiptUpdated(MessageId.of(9), SessionId.parse("ABCDEF01"),
                ReceiptStatus.DELIVERED, DeviceId.parse("a1a1a1a1a1a1a1a1"), Instant.parse("2026-11-25T14:10:00Z"));

        assertThat(receipt.name()).isEqualTo("dm:receipt");
        assertThat(rendered(receipt)).isEqualTo(JSON.readTree("""
                {"messageId":9,"sessionId":"abcdef01","status":"DELIVERED","recipientDeviceId":"a1a1a1a1a1a1a1a1",
                 "at":"2026-11-25T14:10:00.000Z"}"""));
    }

    @Test
    void incomingSessionCarriesTheOfferAsTheJsonObjectTheInitiatorSent() throws Exception {
        String offer = """
                {"version":1,"initiatorDeviceId":"b2b2b2b2b2b2b2b2","usedOneTimePrekeyId":null,"x-extra":[1,2.50,true]}""";
        IncomingSession session = new IncomingSession(new SessionDbId(4), SessionId.parse("0a1b2c3d"), UserId.of(2),
                DeviceId.parse("b2b2b2b2b2b2b2b2"), ConvroNumber.parse("+99000002"), null, offer,
                Instant.parse("2026-11-25T14:00:00.007Z"));

        assertThat(rendered(new RealtimeEvent.SessionIncoming(session))).isEqualTo(JSON.readTree("""
                {"sessionDbId":4,"sessionId":"0a1b2c3d","initiatorUserId":2,"initiatorDeviceId":"b2b2b2b2b2b2b2b2",
                 "initiatorConvroNumber":"+99000002","initiatorUsername":null,"handshakeOffer":%s,
                 "createdAt":"2026-11-25T14:00:00.007Z"}""".formatted(offer)));
        assertThat(JSON.writeValueAsString(RealtimePayloads.of(new RealtimeEvent.SessionIncoming(session))))
                .contains("2.50");
    }

    @Test
    void acceptedPrekeysLowAndRevokedCarryTheirFewFields() throws Exception {
        assertThat(rendered(new RealtimeEvent.SessionAccepted(new SessionDbId(4), SessionId.parse("0a1b2c3d"),
                SessionState.ACTIVE))).isEqualTo(JSON.readTree("""
                {"sessionDbId":4,"sessionId":"0a1b2c3d","state":"ACTIVE"}"""));
        assertThat(rendered(new RealtimeEvent.PrekeysLow(3))).isEqualTo(JSON.readTree("""
                {"oneTimePrekeysAvailable":3}"""));
        assertThat(rendered(new RealtimeEvent.DeviceRevoked(DeviceId.parse("A1A1A1A1A1A1A1A1")))).isEqualTo(
                JSON.readTree("""
                        {"deviceId":"a1a1a1a1a1a1a1a1"}"""));
    }

    private static JsonNode rendered(RealtimeEvent event) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(RealtimePayloads.of(event)));
    }
}
