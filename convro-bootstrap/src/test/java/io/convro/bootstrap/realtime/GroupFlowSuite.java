package io.convro.bootstrap.realtime;

import static io.convro.bootstrap.realtime.Groups.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.adapter.http.OpenApiSchemas;
import io.convro.bootstrap.realtime.SocketProbe.TokenIn;
import io.convro.bootstrap.realtime.SocketProbe.Via;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Groups and channels (API.md §10) against the assembled server over real HTTP and the Java Socket.IO client: creation,
 * one message to every member device but the sender's, an idempotent repeat, adding (the new member's open socket gets
 * the next message, its history starts at its join), removal (its socket gets nothing more at once), leaving, a
 * channel member's 403, a non-member's 404 on every route, read pointers, and the codes of §10. Subclasses choose the
 * database and the port mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GroupFlowSuite {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private RunningServer server;
    private Conversations people;
    private Groups groups;
    private final List<SocketProbe> probes = new ArrayList<>();

    /** The server's environment beyond RunningServer's (the database, the port mode); may abort the class. */
    protected abstract Map<String, String> prepare() throws Exception;

    protected abstract void cleanUp() throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        server = RunningServer.start(java.nio.file.Files.createTempDirectory("convro-groups").resolve("data"), prepare());
        people = new Conversations(new RestClient(server.base()));
        groups = new Groups(people.rest());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            cleanUp();
        }
    }

    @AfterEach
    void closeProbes() {
        probes.forEach(SocketProbe::close);
        probes.clear();
    }

    private SocketProbe connect(Account device) {
        URI base = server.socketIoBase();
        SocketProbe probe = SocketProbe.connect(base, Via.WEBSOCKET, TokenIn.AUTH, device.accessToken());
        probes.add(probe);
        await().atMost(PATIENCE).until(() -> probe.saw(Socket.EVENT_CONNECT) || probe.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(probe.names()).startsWith(Socket.EVENT_CONNECT);
        return probe;
    }

    private static void documented(String path, String method, RestClient.Answer answer) {
        OpenApiSchemas.assertDocumented(path, method, answer.status(), "application/json", String.valueOf(answer.body()), answer.body());
    }

    private static long messageIdsSeen(SocketProbe probe, long messageId) {
        return probe.all("group:message").stream().filter(seen -> seen.json().get("messageId").asLong() == messageId).count();
    }

    @Test
    void aGroupMessageReachesEveryMemberDeviceButTheSendersAndMembershipChangesTakeEffectOnOpenSockets() {
        Account alicePhone = people.register();
        Account aliceLaptop = people.newDevice(alicePhone);
        Account bobPhone = people.register();
        Account bobLaptop = people.newDevice(bobPhone);
        Account carol = people.register();
        SocketProbe alicePhoneSocket = connect(alicePhone);
        SocketProbe aliceLaptopSocket = connect(aliceLaptop);
        SocketProbe bobPhoneSocket = connect(bobPhone);
        SocketProbe bobLaptopSocket = connect(bobLaptop);
        SocketProbe carolSocket = connect(carol);

        RestClient.Answer createdAnswer = groups.create(alicePhone, "GROUP", List.of(bobPhone.userId(), bobPhone.userId(), alicePhone.userId()));
        JsonNode created = createdAnswer.expect(201);
        documented("/v1/groups", "POST", createdAnswer);
        String groupId = created.get("groupId").asText();
        assertThat(created.get("members")).extracting(member -> member.get("userId").asLong() + ":" + member.get("role").asText())
                .containsExactly(alicePhone.userId() + ":OWNER", bobPhone.userId() + ":MEMBER");
        await().atMost(PATIENCE).until(() -> bobPhoneSocket.saw("group:added") && bobLaptopSocket.saw("group:added")
                && aliceLaptopSocket.saw("group:added"));
        assertThat(bobPhoneSocket.first("group:added").orElseThrow().json().get("groupId").asText()).isEqualTo(groupId);

        // one message: every member device but the sending one, one row
        RestClient.Answer postedAnswer = groups.post(alicePhone, groupId, "m-1");
        long first = postedAnswer.expect(201).get("messageId").asLong();
        documented("/v1/groups/{groupId}/messages", "POST", postedAnswer);
        await().atMost(PATIENCE).until(() -> messageIdsSeen(bobPhoneSocket, first) == 1 && messageIdsSeen(bobLaptopSocket, first) == 1
                && messageIdsSeen(aliceLaptopSocket, first) == 1);
        JsonNode delivered = bobLaptopSocket.first("group:message").orElseThrow().json();
        assertThat(delivered.get("groupId").asText()).isEqualTo(groupId);
        assertThat(delivered.get("senderDeviceId").asText()).isEqualTo(alicePhone.deviceId());
        assertThat(delivered.get("senderKeyId").asText()).isEqualTo("00112233445566ff");
        assertThat(delivered.get("clientMessageId").asText()).isEqualTo("m-1");
        assertThat(alicePhoneSocket.saw("group:message")).as("the sending device").isFalse();
        assertThat(carolSocket.saw("group:message")).as("a non-member").isFalse();

        // a repeat: the original, nothing stored or sent
        assertThat(groups.post(alicePhone, groupId, "m-1").expect(200).get("messageId").asLong()).isEqualTo(first);

        // a non-member: 404 on every route, and no group in its list
        expectError(groups.group(carol, groupId), 404, "GROUP_NOT_FOUND");
        expectError(groups.history(carol, groupId, ""), 404, "GROUP_NOT_FOUND");
        expectError(groups.post(carol, groupId, null), 404, "GROUP_NOT_FOUND");
        expectError(groups.members(carol, groupId, Map.of("remove", List.of(carol.userId()))), 404, "GROUP_NOT_FOUND");
        expectError(groups.members(carol, groupId, Map.of("add", List.of(carol.userId()))), 404, "GROUP_NOT_FOUND");
        expectError(groups.read(carol, groupId, first), 404, "GROUP_NOT_FOUND");
        assertThat(groups.list(carol)).isEmpty();

        // a MEMBER may not add
        RestClient.Answer notAdmin = groups.members(bobPhone, groupId, Map.of("add", List.of(carol.userId())));
        expectError(notAdmin, 403, "NOT_GROUP_ADMIN");
        documented("/v1/groups/{groupId}/members", "POST", notAdmin);

        // the owner adds carol: her open socket joined before the answer, so the next message reaches it
        RestClient.Answer addedAnswer = groups.members(alicePhone, groupId, Map.of("add", List.of(carol.userId())));
        addedAnswer.expect(200);
        documented("/v1/groups/{groupId}/members", "POST", addedAnswer);
        await().atMost(PATIENCE).until(() -> carolSocket.saw("group:added") && bobPhoneSocket.saw("group:members"));
        long second = groups.post(bobPhone, groupId, "m-2").expect(201).get("messageId").asLong();
        await().atMost(PATIENCE).until(() -> messageIdsSeen(carolSocket, second) == 1 && messageIdsSeen(alicePhoneSocket, second) == 1);
        assertThat(messageIdsSeen(bobPhoneSocket, second)).as("the sending device").isZero();

        // history starts at the member's join
        RestClient.Answer carolHistory = groups.history(carol, groupId, "?afterId=0");
        documented("/v1/groups/{groupId}/messages", "GET", carolHistory);
        assertThat(carolHistory.expect(200).get("messages")).extracting(m -> m.get("messageId").asLong()).containsExactly(second);
        assertThat(groups.history(bobPhone, groupId, "").expect(200).get("messages")).extracting(m -> m.get("messageId").asLong())
                .containsExactly(second, first);
        JsonNode page = groups.history(bobPhone, groupId, "?limit=1").expect(200);
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        assertThat(groups.history(bobPhone, groupId, "?beforeId=" + second).expect(200).get("messages"))
                .extracting(m -> m.get("messageId").asLong()).containsExactly(first);

        // read pointers and the list: bob's own message is never unread
        JsonNode bobsList = groups.list(bobPhone);
        documented("/v1/groups", "GET", new RestClient.Answer(200, people.rest().get("/v1/groups", bobPhone.accessToken()).body()));
        assertThat(bobsList.get(0).get("groupId").asText()).isEqualTo(groupId);
        assertThat(bobsList.get(0).get("unreadCount").asInt()).isEqualTo(1);
        assertThat(bobsList.get(0).get("lastMessage").get("messageId").asLong()).isEqualTo(second);
        assertThat(bobsList.get(0).get("memberCount").asInt()).isEqualTo(3);
        groups.read(bobPhone, groupId, first).expect(200);
        assertThat(groups.list(bobPhone).get(0).get("unreadCount").asInt()).isZero();
        expectError(groups.read(carol, groupId, first), 404, "MESSAGE_NOT_FOUND");
        expectError(groups.read(bobPhone, groupId, 999_999_999L), 404, "MESSAGE_NOT_FOUND");

        // removal: carol's socket left the room before the answer, so the next message does not reach it
        groups.members(alicePhone, groupId, Map.of("remove", List.of(carol.userId()))).expect(200);
        await().atMost(PATIENCE).until(() -> carolSocket.saw("group:removed"));
        long third = groups.post(alicePhone, groupId, "m-3").expect(201).get("messageId").asLong();
        await().atMost(PATIENCE).until(() -> messageIdsSeen(bobPhoneSocket, third) == 1);
        assertThat(messageIdsSeen(carolSocket, third)).as("a removed member's socket").isZero();
        expectError(groups.group(carol, groupId), 404, "GROUP_NOT_FOUND");

        // the owner may not leave without handing over; bob leaves
        expectError(groups.members(alicePhone, groupId, Map.of("remove", List.of(alicePhone.userId()))), 400, "OWNER_REQUIRED");
        JsonNode left = groups.members(bobLaptop, groupId, Map.of("remove", List.of(bobPhone.userId()))).expect(200);
        assertThat(left.toString()).isEqualTo("{\"ok\":true}");
        await().atMost(PATIENCE).until(() -> bobPhoneSocket.saw("group:removed") && bobLaptopSocket.saw("group:removed"));
        long fourth = groups.post(alicePhone, groupId, "m-4").expect(201).get("messageId").asLong();
        await().atMost(PATIENCE).until(() -> messageIdsSeen(aliceLaptopSocket, fourth) == 1);
        assertThat(messageIdsSeen(bobLaptopSocket, fourth)).isZero();
        assertThat(groups.group(alicePhone, groupId).expect(200).get("members")).hasSize(1);
    }

    @Test
    void aSocketThatConnectsLaterJoinsItsGroupsOnConnect() {
        Account alice = people.register();
        Account bob = people.register();
        String groupId = groups.create(alice, "GROUP", List.of(bob.userId())).expect(201).get("groupId").asText();
        SocketProbe bobSocket = connect(bob);
        long id = groups.post(alice, groupId, null).expect(201).get("messageId").asLong();
        await().atMost(PATIENCE).until(() -> messageIdsSeen(bobSocket, id) == 1);
    }

    @Test
    void aChannelMemberOnlyReadsUntilMadeAdminAndOwnershipCanBeHandedOver() {
        Account alice = people.register();
        Account bob = people.register();
        Account dave = people.register();
        String channel = groups.create(alice, "CHANNEL", List.of(bob.userId())).expect(201).get("groupId").asText();
        RestClient.Answer readOnly = groups.post(bob, channel, "c-1");
        expectError(readOnly, 403, "CHANNEL_READ_ONLY");
        documented("/v1/groups/{groupId}/messages", "POST", readOnly);
        groups.post(alice, channel, "c-1").expect(201);

        JsonNode promoted = groups.members(alice, channel, Map.of("roles", Map.of(Long.toString(bob.userId()), "ADMIN"))).expect(200);
        assertThat(promoted.get("members").get(1).get("role").asText()).isEqualTo("ADMIN");
        groups.post(bob, channel, "c-2").expect(201);

        expectError(groups.members(bob, channel, Map.of("roles", Map.of(Long.toString(alice.userId()), "MEMBER"))), 400, "OWNER_REQUIRED");
        expectError(groups.members(alice, channel, Map.of("roles", Map.of(Long.toString(dave.userId()), "ADMIN"))), 400, "NOT_A_MEMBER");
        expectError(groups.members(alice, channel, Map.of("roles", Map.of(Long.toString(bob.userId()), "KING"))), 400, "INVALID_ROLE");
        expectError(groups.members(alice, channel, Map.of("add", List.of(999_999_999L))), 404, "USER_NOT_FOUND");
        assertThat(groups.group(alice, channel).expect(200).get("members")).hasSize(2);

        // the owner hands over and leaves in one request
        JsonNode handedOver = groups.members(alice, channel, Map.of("roles", Map.of(Long.toString(bob.userId()), "OWNER"),
                "remove", List.of(alice.userId()))).expect(200);
        assertThat(handedOver.toString()).isEqualTo("{\"ok\":true}");
        JsonNode after = groups.group(bob, channel).expect(200);
        assertThat(after.get("members")).extracting(m -> m.get("role").asText()).containsExactly("OWNER");
    }

    @Test
    void badRequestsAreRefusedWithTheCodesOfSection10() {
        Account alice = people.register();
        expectError(groups.create(alice, "ROOM", List.of()), 400, "INVALID_GROUP_KIND");
        expectError(people.rest().post("/v1/groups", alice.accessToken(), Map.of("kind", "GROUP", "encryptedTitle", "%%%")),
                400, "INVALID_ENCRYPTED_TITLE");
        expectError(groups.create(alice, "GROUP", List.of(999_999_999L)), 404, "USER_NOT_FOUND");
        String groupId = groups.create(alice, "GROUP", List.of()).expect(201).get("groupId").asText();
        expectError(people.rest().post("/v1/groups/" + groupId + "/messages", alice.accessToken(),
                Map.of("senderKeyId", "nothex", "ciphertext", "AQID", "authTag", "AAAAAAAAAAAAAAAAAAAAAA==")), 400, "INVALID_SENDER_KEY_ID");
        expectError(people.rest().post("/v1/groups/" + groupId + "/messages", alice.accessToken(),
                Map.of("senderKeyId", "00112233445566ff", "ciphertext", "", "authTag", "AAAAAAAAAAAAAAAAAAAAAA==")), 400, "INVALID_CIPHERTEXT");
        expectError(groups.group(alice, "not-a-group"), 404, "GROUP_NOT_FOUND");
        expectError(groups.group(alice, "0000000000000000"), 404, "GROUP_NOT_FOUND");
        assertThat(groups.group(alice, groupId.toUpperCase()).expect(200).get("groupId").asText()).isEqualTo(groupId);
        expectError(groups.history(alice, groupId, "?limit=0"), 400, "INVALID_QUERY");
    }
}
