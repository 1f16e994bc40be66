package io.convro.bootstrap.realtime;

import io.convro.edge.RawHttpConnection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One keep-alive TCP connection to the assembled server's public port carrying REST calls and a Socket.IO
 * polling session, interleaved, the way a browser or OkHttp reuses its pooled connection.
 */
class OnePortKeepAliveTest {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    @TempDir
    static Path dataDir;
    private static RunningServer server;
    private static Conversations conversations;

    @BeforeAll
    static void start() {
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
    void restAndPollingShareOneKeepAliveConnection() throws IOException {
        Conversations.Session session = conversations.activeSession();
        Account alice = session.initiator();
        Account bob = session.responder();
        try (RawHttpConnection connection = new RawHttpConnection(new InetSocketAddress("127.0.0.1", server.port()))) {
            connection.write(RawHttpConnection.request("GET", "/health"));
            RawHttpConnection.Response health = connection.read();

            connection.write(RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling&token=" + bob.accessToken()));
            RawHttpConnection.Response handshake = connection.read();
            String polling = "/socket.io/?EIO=4&transport=polling&sid=" + sid(handshake.text());
            connection.write(RawHttpConnection.requestWithBody("POST", polling, "40", "Content-Type: text/plain;charset=UTF-8"));
            RawHttpConnection.Response namespaceConnect = connection.read();
            connection.write(RawHttpConnection.request("GET", polling));
            RawHttpConnection.Response connected = connection.read();

            String send = RestClient.json(java.util.Map.of("sessionId", session.sessionId(), "recipientDeviceId", bob.deviceId(),
                    "ciphertext", "AAECAwQFBgcICQ==", "authTag", "AAECAwQFBgcICQoLDA0ODw=="));
            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/dm/messages/send", send,
                    "Authorization: Bearer " + alice.accessToken(), "Content-Type: application/json"));
            RawHttpConnection.Response sent = connection.read();
            connection.write(RawHttpConnection.request("GET", polling));
            RawHttpConnection.Response delivered = connection.read();

            connection.write(RawHttpConnection.requestWithBody("POST", polling, "42[\"ping\"]", "Content-Type: text/plain;charset=UTF-8"));
            RawHttpConnection.Response pinged = connection.read();
            connection.write(RawHttpConnection.request("GET", polling));
            RawHttpConnection.Response pong = connection.read();

            connection.write(RawHttpConnection.request("GET", "/v1/auth/me", "Authorization: Bearer " + bob.accessToken()));
            RawHttpConnection.Response me = connection.read();

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.text()).contains("\"status\":\"ok\"");
            assertThat(handshake.status()).isEqualTo(200);
            assertThat(namespaceConnect.text()).isEqualTo("ok");
            assertThat(connected.text()).startsWith("40{");
            assertThat(sent.status()).isEqualTo(201);
            JsonNode sentBody = RestClient.JSON.readTree(sent.body());
            assertThat(delivered.status()).isEqualTo(200);
            assertThat(delivered.text()).startsWith("42[\"dm:message\"")
                    .contains("\"messageId\":" + sentBody.get("messageId").asLong() + ",");
            assertThat(pinged.text()).isEqualTo("ok");
            assertThat(pong.text()).startsWith("42[\"pong\"");
            assertThat(me.status()).isEqualTo(200);
            assertThat(RestClient.JSON.readTree(me.body()).get("deviceId").asText()).isEqualTo(bob.deviceId());
        }
    }

    private static String sid(String openPacket) {
        Matcher matcher = SID.matcher(openPacket);
        assertThat(matcher.find()).as("sid in %s", openPacket).isTrue();
        return matcher.group(1);
    }
}
