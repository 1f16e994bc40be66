package io.convro.bootstrap.realtime;

import io.convro.bootstrap.testsupport.ForgedTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.realtime.SocketProbe.TokenIn;
import io.convro.bootstrap.realtime.SocketProbe.Via;
import io.socket.client.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API.md §7 against the assembled server (embedded H2) on its one public port, with the Java Socket.IO client
 * and real tokens from REST: every transport, the token in the auth payload and in the query.
 */
class OnePortRealtimeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @TempDir
    static Path dataDir;
    private static RunningServer server;
    private static Conversations conversations;
    private final List<SocketProbe> probes = new ArrayList<>();

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

    @AfterEach
    void closeProbes() {
        probes.forEach(SocketProbe::close);
    }

    static Stream<Arguments> transportsAndTokenPlaces() {
        return Stream.of(Via.values()).flatMap(via -> Stream.of(TokenIn.values()).map(in -> Arguments.of(via, in)));
    }

    @ParameterizedTest
    @MethodSource("transportsAndTokenPlaces")
    void pingIsAnsweredWithPong(Via via, TokenIn tokenIn) {
        Account alice = conversations.register();
        SocketProbe socket = connected(via, tokenIn, alice.accessToken());

        socket.socket().emit("ping");

        await().atMost(PATIENCE).until(() -> socket.saw("pong"));
        assertThat(socket.first("pong").orElseThrow().json().get("ts").asText()).matches(ISO_MILLIS);
    }

    @ParameterizedTest
    @MethodSource("transportsAndTokenPlaces")
    void aMessageSentOverRestArrivesAsDmMessageWithTheMessageFields(Via via, TokenIn tokenIn) {
        Conversations.Session session = conversations.activeSession();
        SocketProbe bob = connected(via, tokenIn, session.responder().accessToken());

        JsonNode sent = conversations.send(session.initiator(), session.responder(), session.sessionId(), "m-" + via + tokenIn)
                .expect(201);

        await().atMost(PATIENCE).until(() -> bob.saw("dm:message"));
        JsonNode message = bob.first("dm:message").orElseThrow().json();
        assertThat(fieldNames(message)).containsExactlyInAnyOrder("messageId", "sessionId", "senderUserId", "senderDeviceId",
                "recipientDeviceId", "ciphertext", "authTag", "clientMessageId", "clientTimestamp", "serverTimestamp",
                "deliveryState", "deliveredAt", "readAt");
        assertThat(message.get("messageId").asLong()).isEqualTo(sent.get("messageId").asLong());
        assertThat(message.get("sessionId").asText()).isEqualTo(session.sessionId());
        assertThat(message.get("senderUserId").asLong()).isEqualTo(session.initiator().userId());
        assertThat(message.get("senderDeviceId").asText()).isEqualTo(session.initiator().deviceId());
        assertThat(message.get("recipientDeviceId").asText()).isEqualTo(session.responder().deviceId());
        assertThat(message.get("clientMessageId").asText()).isEqualTo("m-" + via + tokenIn);
        assertThat(message.get("clientTimestamp").asText()).isEqualTo("2026-11-25T14:10:54.120Z");
        assertThat(message.get("serverTimestamp").asText()).isEqualTo(sent.get("serverTimestamp").asText()).matches(ISO_MILLIS);
        assertThat(message.get("deliveryState").asText()).isEqualTo("PENDING");
        assertThat(message.get("deliveredAt").isNull()).isTrue();
        assertThat(message.get("readAt").isNull()).isTrue();
        // the event carries exactly what history returns for the stored message (ciphertext and tag included)
        JsonNode stored = conversations.rest().get("/v1/dm/messages/history?sessionId=" + session.sessionId(),
                session.initiator().accessToken()).expect(200).get("messages").get(0);
        assertThat(message).isEqualTo(stored);
    }

    @ParameterizedTest
    @MethodSource("transportsAndTokenPlaces")
    void theSenderGetsDmReceiptWhenTheRecipientPostsOne(Via via, TokenIn tokenIn) {
        Conversations.Session session = conversations.activeSession();
        SocketProbe alice = connected(via, tokenIn, session.initiator().accessToken());
        long messageId = conversations.send(session.initiator(), session.responder(), session.sessionId(), null)
                .expect(201).get("messageId").asLong();

        conversations.receipt(session.responder(), messageId, "READ");

        await().atMost(PATIENCE).until(() -> alice.saw("dm:receipt"));
        JsonNode receipt = alice.first("dm:receipt").orElseThrow().json();
        assertThat(receipt.get("messageId").asLong()).isEqualTo(messageId);
        assertThat(receipt.get("sessionId").asText()).isEqualTo(session.sessionId());
        assertThat(receipt.get("status").asText()).isEqualTo("READ");
        assertThat(receipt.get("recipientDeviceId").asText()).isEqualTo(session.responder().deviceId());
        assertThat(receipt.get("at").asText()).matches(ISO_MILLIS);
    }

    @ParameterizedTest
    @MethodSource("transportsAndTokenPlaces")
    void openingAndAcceptingASessionNotifyTheOtherDevice(Via via, TokenIn tokenIn) {
        Account alice = conversations.register();
        Account bob = conversations.register();
        conversations.uploadPrekeys(bob);
        SocketProbe aliceSocket = connected(via, tokenIn, alice.accessToken());
        SocketProbe bobSocket = connected(via, tokenIn, bob.accessToken());

        JsonNode opened = conversations.open(alice, bob);
        await().atMost(PATIENCE).until(() -> bobSocket.saw("dm:session:incoming"));
        JsonNode incoming = bobSocket.first("dm:session:incoming").orElseThrow().json();
        JsonNode listed = conversations.rest().get("/v1/dm/sessions/incoming", bob.accessToken()).expect(200).get("sessions").get(0);
        assertThat(incoming).isEqualTo(listed);
        assertThat(incoming.get("sessionDbId").asLong()).isEqualTo(opened.get("sessionDbId").asLong());
        assertThat(incoming.get("initiatorDeviceId").asText()).isEqualTo(alice.deviceId());
        assertThat(incoming.get("initiatorConvroNumber").asText()).isEqualTo(alice.convroNumber());

        conversations.accept(bob, opened.get("sessionDbId").asLong());
        await().atMost(PATIENCE).until(() -> aliceSocket.saw("dm:session:accepted"));
        JsonNode accepted = aliceSocket.first("dm:session:accepted").orElseThrow().json();
        assertThat(fieldNames(accepted)).containsExactlyInAnyOrder("sessionDbId", "sessionId", "state");
        assertThat(accepted.get("sessionDbId").asLong()).isEqualTo(opened.get("sessionDbId").asLong());
        assertThat(accepted.get("sessionId").asText()).isEqualTo(opened.get("sessionId").asText());
        assertThat(accepted.get("state").asText()).isEqualTo("ACTIVE");
    }

    @ParameterizedTest
    @MethodSource("transportsAndTokenPlaces")
    void badExpiredAndMissingTokensAreRefusedWithConnectError(Via via, TokenIn tokenIn) {
        Account alice = conversations.register();
        SocketProbe bad = probe(via, tokenIn, ForgedTokens.badlySigned(alice.accessToken()));
        SocketProbe expired = probe(via, tokenIn, ForgedTokens.expired(alice.accessToken(), RunningServer.JWT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        SocketProbe garbage = probe(via, tokenIn, "not-a-jwt");
        SocketProbe none = probe(via, tokenIn, null);

        await().atMost(PATIENCE).until(() -> Stream.of(bad, expired, garbage, none).allMatch(p -> p.saw(Socket.EVENT_CONNECT_ERROR)));
        assertThat(errorCode(bad)).isEqualTo("UNAUTHORIZED");
        assertThat(errorCode(expired)).isEqualTo("TOKEN_EXPIRED");
        assertThat(errorCode(garbage)).isEqualTo("UNAUTHORIZED");
        assertThat(errorCode(none)).isEqualTo("UNAUTHORIZED");
        // the real token still gets in, so the refusals above are about the tokens
        connected(via, tokenIn, alice.accessToken());
        assertThat(Stream.of(bad, expired, garbage, none)).allSatisfy(p -> assertThat(p.names()).doesNotContain(Socket.EVENT_CONNECT));
    }

    @ParameterizedTest
    @MethodSource("transportsAndTokenPlaces")
    void loggingOutTheDeviceSendsDeviceRevokedThenDisconnects(Via via, TokenIn tokenIn) {
        Account alice = conversations.register();
        Account bob = conversations.register();
        SocketProbe aliceSocket = connected(via, tokenIn, alice.accessToken());
        SocketProbe bobSocket = connected(via, tokenIn, bob.accessToken());

        JsonNode out = conversations.rest().post("/v1/auth/logout", alice.accessToken(), Map.of("allForDevice", true)).expect(200);
        assertThat(out.get("scope").asText()).isEqualTo("device");

        await().atMost(PATIENCE).until(() -> aliceSocket.saw(Socket.EVENT_DISCONNECT));
        assertThat(aliceSocket.names()).containsSubsequence("device:revoked", Socket.EVENT_DISCONNECT);
        // the same token cannot come back, over REST nor over Socket.IO
        assertThat(conversations.rest().get("/v1/auth/me", alice.accessToken()).status()).isEqualTo(401);
        SocketProbe again = probe(via, tokenIn, alice.accessToken());
        await().atMost(PATIENCE).until(() -> again.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(errorCode(again)).isEqualTo("TOKEN_REVOKED");
        // the other user's socket was left alone
        bobSocket.socket().emit("ping");
        await().atMost(PATIENCE).until(() -> bobSocket.saw("pong"));
        assertThat(bobSocket.names()).doesNotContain("device:revoked", Socket.EVENT_DISCONNECT);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aSendRejectedBecauseTheSessionIsNotActiveEmitsNothing(Via via) {
        Conversations.Session active = conversations.activeSession();
        Account alice = active.initiator();
        Account bob = active.responder();
        JsonNode pending = conversations.open(alice, bob);
        SocketProbe bobSocket = connected(via, TokenIn.AUTH, bob.accessToken());

        RestClient.Answer refused = conversations.send(alice, bob, pending.get("sessionId").asText(), "refused");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("error").asText()).isEqualTo("SESSION_NOT_ACTIVE");
        long marker = conversations.send(alice, bob, active.sessionId(), "marker").expect(201).get("messageId").asLong();

        // events to one device keep their order: once the later message is here, the refused one would have been too
        await().atMost(PATIENCE).until(() -> bobSocket.saw("dm:message"));
        assertThat(bobSocket.all("dm:message")).extracting(seen -> seen.json().get("messageId").asLong()).containsExactly(marker);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aRetriedClientMessageIdIsAnsweredButNotEmittedAgain(Via via) {
        Conversations.Session session = conversations.activeSession();
        SocketProbe bobSocket = connected(via, TokenIn.AUTH, session.responder().accessToken());
        long first = conversations.send(session.initiator(), session.responder(), session.sessionId(), "retry-me")
                .expect(201).get("messageId").asLong();

        long retried = conversations.send(session.initiator(), session.responder(), session.sessionId(), "retry-me")
                .expect(200).get("messageId").asLong();
        long marker = conversations.send(session.initiator(), session.responder(), session.sessionId(), "marker")
                .expect(201).get("messageId").asLong();

        assertThat(retried).isEqualTo(first);
        await().atMost(PATIENCE).until(() -> bobSocket.count("dm:message") >= 2);
        assertThat(bobSocket.all("dm:message")).extracting(seen -> seen.json().get("messageId").asLong())
                .containsExactly(first, marker);
    }

    private SocketProbe probe(Via via, TokenIn tokenIn, String token) {
        SocketProbe probe = SocketProbe.connect(server.base(), via, tokenIn, token);
        probes.add(probe);
        return probe;
    }

    private SocketProbe connected(Via via, TokenIn tokenIn, String token) {
        SocketProbe probe = probe(via, tokenIn, token);
        await().atMost(PATIENCE).until(() -> probe.saw(Socket.EVENT_CONNECT) || probe.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(probe.names()).as("connected").startsWith(Socket.EVENT_CONNECT);
        return probe;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The Java client hands over the CONNECT_ERROR data: {@code {"message":CODE,"data":{"error":CODE,"message":…}}}. */
    static String errorCode(SocketProbe probe) {
        JsonNode error = probe.first(Socket.EVENT_CONNECT_ERROR).orElseThrow().json();
        assertThat(error.get("data").get("error").asText()).isEqualTo(error.get("message").asText());
        return error.get("message").asText();
    }
}
