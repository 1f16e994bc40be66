package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official JavaScript client ({@code socket.io-client} 4.x under node, {@code src/test/js/realtime-check.js})
 * against the assembled server on its one public port, over websocket and over polling.
 */
class JsClientIT {
    @TempDir
    static Path dataDir;
    private static NodeTool node;
    private static RunningServer server;
    private static Conversations conversations;

    @BeforeAll
    static void start() {
        node = NodeTool.installed();
        server = RunningServer.onePort(dataDir);
        conversations = new Conversations(new RestClient(server.base()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theJavaScriptClientConnectsPingsAndReceivesMessagesAndReceiptsOverBothTransports() throws IOException {
        Conversations.Session session = conversations.activeSession();

        NodeTool.Output run = node.runScript("realtime-check.js", Map.of(
                "CONVRO_BASE_URL", server.base().toString(),
                "ALICE_TOKEN", session.initiator().accessToken(),
                "BOB_TOKEN", session.responder().accessToken(),
                "BOB_DEVICE_ID", session.responder().deviceId(),
                "SESSION_ID", session.sessionId()), 180);

        assertThat(run.exit()).as("node exit; stdout: %s stderr: %s", run.stdout(), run.stderr()).isZero();
        JsonNode report = RestClient.JSON.readTree(run.stdout());
        assertThat(report.get("node").asText()).startsWith("v");
        assertThat(report.get("results")).extracting(result -> result.get("transport").asText()).containsExactly("websocket", "polling");
        for (JsonNode result : report.get("results")) {
            String transport = result.get("transport").asText();
            assertThat(result.get("connected").get("alice").asBoolean()).as(transport).isTrue();
            assertThat(result.get("connected").get("bob").asBoolean()).as(transport).isTrue();
            assertThat(result.get("connected").get("engine").asText()).isEqualTo(transport);
            assertThat(result.get("pong").get("ts").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

            assertThat(result.get("sent").get("status").asInt()).isEqualTo(201);
            long messageId = result.get("sent").get("body").get("messageId").asLong();
            JsonNode message = result.get("dmMessage");
            assertThat(message.get("messageId").asLong()).isEqualTo(messageId);
            assertThat(message.get("sessionId").asText()).isEqualTo(session.sessionId());
            assertThat(message.get("senderDeviceId").asText()).isEqualTo(session.initiator().deviceId());
            assertThat(message.get("recipientDeviceId").asText()).isEqualTo(session.responder().deviceId());
            assertThat(message.get("clientMessageId").asText()).isEqualTo("js-" + transport);
            assertThat(message.get("deliveryState").asText()).isEqualTo("PENDING");

            assertThat(result.get("receiptPosted").get("status").asInt()).isEqualTo(200);
            JsonNode receipt = result.get("dmReceipt");
            assertThat(receipt.get("messageId").asLong()).isEqualTo(messageId);
            assertThat(receipt.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(receipt.get("recipientDeviceId").asText()).isEqualTo(session.responder().deviceId());

            for (String refusal : new String[] {"badAuthToken", "badQueryToken", "noToken"}) {
                JsonNode refused = result.get(refusal);
                assertThat(refused.get("message").asText()).as(transport + " " + refusal).isEqualTo("UNAUTHORIZED");
                assertThat(refused.get("data").get("error").asText()).isEqualTo("UNAUTHORIZED");
                assertThat(refused.get("connected").asBoolean()).isFalse();
            }
        }
    }
}
