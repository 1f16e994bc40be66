package io.convro.adapter.http;

import static io.convro.adapter.http.OpenApiSchemas.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.groups.ChangeMembersCommand;
import io.convro.application.groups.CreateGroupCommand;
import io.convro.application.groups.GroupHistoryQuery;
import io.convro.application.groups.PostGroupMessageCommand;
import io.convro.application.messages.HistoryCursor;
import io.convro.domain.group.GroupKind;
import io.convro.domain.group.GroupRole;
import io.convro.domain.user.UserId;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routes of API.md §10 over real HTTP on fake use cases: status, JSON shape (checked against /openapi.json), parsing. */
class GroupRoutesTest {
    private static final String TAG = Base64.getEncoder().encodeToString(new byte[16]);
    private static final String GROUP = "/v1/groups/00000000000000AA";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String message(String clientMessageId) {
        return "{\"senderKeyId\":\"0123456789ABCDEF\",\"ciphertext\":\"AQID\",\"authTag\":\"" + TAG + "\",\"clientMessageId\":\""
                + clientMessageId + "\"}";
    }

    @Test
    void creatingAGroupAnswers201WithTheGroupAndPassesDomainTypes() {
        TestServer.Response created = server.post("/v1/groups", "{\"kind\":\"CHANNEL\",\"encryptedTitle\":\"AQID\",\"memberUserIds\":[2,3,2]}");
        assertThat(created.status()).isEqualTo(201);
        assertDocumented("/v1/groups", created);
        assertThat(created.json().path("groupId").asText()).isEqualTo("00000000000000aa");
        assertThat(created.body()).contains("\"encryptedTitle\":null");
        CreateGroupCommand command = (CreateGroupCommand) server.fakes.lastCommand.get();
        assertThat(command.kind()).isEqualTo(GroupKind.CHANNEL);
        assertThat(command.encryptedTitle().bytes()).containsExactly(1, 2, 3);
        assertThat(command.memberUserIds()).containsExactly(UserId.of(2), UserId.of(3), UserId.of(2));
    }

    @Test
    void aBadCreationIsA4xxWithItsCode() {
        assertThat(server.post("/v1/groups", "{\"kind\":\"ROOM\"}").json().path("error").asText()).isEqualTo("INVALID_GROUP_KIND");
        assertThat(server.post("/v1/groups", "{}").json().path("error").asText()).isEqualTo("INVALID_GROUP_KIND");
        TestServer.Response title = server.post("/v1/groups", "{\"kind\":\"GROUP\",\"encryptedTitle\":\"\"}");
        assertThat(title.json().path("error").asText()).isEqualTo("INVALID_ENCRYPTED_TITLE");
        assertDocumented("/v1/groups", title);
        String tooLong = Base64.getEncoder().encodeToString(new byte[1025]);
        assertThat(server.post("/v1/groups", "{\"kind\":\"GROUP\",\"encryptedTitle\":\"" + tooLong + "\"}").json().path("error").asText())
                .isEqualTo("INVALID_ENCRYPTED_TITLE");
        TestServer.Response zero = server.post("/v1/groups", "{\"kind\":\"GROUP\",\"memberUserIds\":[2,0]}");
        assertThat(zero.status()).isEqualTo(404);
        assertThat(zero.json().path("error").asText()).isEqualTo("USER_NOT_FOUND");
        assertThat(zero.json().path("field").asText()).isEqualTo("memberUserIds[1]");
        assertDocumented("/v1/groups", zero);
        assertThat(server.post("/v1/groups", "{\"kind\":\"GROUP\",\"memberUserIds\":[\"x\"]}").json().path("error").asText())
                .isEqualTo("INVALID_JSON");
    }

    @Test
    void aGroupBeyondItsMembersIs409GroupFull() {
        String thousand = java.util.stream.LongStream.rangeClosed(2, 1001).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(","));
        TestServer.Response full = server.post("/v1/groups", "{\"kind\":\"GROUP\",\"memberUserIds\":[" + thousand + "]}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.json().path("error").asText()).isEqualTo("GROUP_FULL");
        assertDocumented("/v1/groups", full);
    }

    @Test
    void theListAndOneGroupAreDocumented() {
        TestServer.Response list = server.get("/v1/groups");
        assertThat(list.status()).isEqualTo(200);
        assertDocumented("/v1/groups", list);
        TestServer.Response one = server.get(GROUP);
        assertThat(one.status()).isEqualTo(200);
        assertDocumented("/v1/groups/{groupId}", one);
    }

    @Test
    void aMalformedOrUnknownGroupIdIs404GroupNotFoundOnEveryRoute() {
        for (String id : new String[] {"zz", "00000000000000ab", "00000000000000aa0"}) {
            String path = "/v1/groups/" + id;
            TestServer.Response[] answers = {server.get(path), server.get(path + "/messages"),
                    server.post(path + "/members", "{\"remove\":[1]}"), server.post(path + "/messages", message("m")),
                    server.post(path + "/read", "{\"upToMessageId\":1}")};
            for (TestServer.Response answer : answers) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(404);
                assertThat(answer.json().path("error").asText()).isEqualTo("GROUP_NOT_FOUND");
            }
        }
        assertDocumented("/v1/groups/{groupId}/messages", server.get("/v1/groups/zz/messages"));
    }

    @Test
    void aMembershipChangeParsesRolesAndALeaveAnswersOk() {
        TestServer.Response changed = server.post(GROUP + "/members", "{\"add\":[5],\"roles\":{\"5\":\"ADMIN\"}}");
        assertThat(changed.status()).isEqualTo(200);
        assertDocumented("/v1/groups/{groupId}/members", changed);
        ChangeMembersCommand command = (ChangeMembersCommand) server.fakes.lastCommand.get();
        assertThat(command.change().roles()).containsEntry(UserId.of(5), GroupRole.ADMIN);
        TestServer.Response left = server.post(GROUP + "/members", "{\"remove\":[1]}");
        assertThat(left.body()).isEqualTo("{\"ok\":true}");
        assertDocumented("/v1/groups/{groupId}/members", left);
        TestServer.Response badRole = server.post(GROUP + "/members", "{\"roles\":{\"5\":\"KING\"}}");
        assertThat(badRole.json().path("error").asText()).isEqualTo("INVALID_ROLE");
        assertThat(badRole.json().path("field").asText()).isEqualTo("roles.5");
        assertThat(server.post(GROUP + "/members", "{\"roles\":{\"x\":\"ADMIN\"}}").json().path("error").asText())
                .isEqualTo("NOT_A_MEMBER");
    }

    @Test
    void aGroupMessageAnswers201ThenARepeat200AndChecksItsFieldsAsSend() {
        TestServer.Response posted = server.post(GROUP + "/messages", message("first"));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.body()).isEqualTo("{\"ok\":true,\"messageId\":88,\"serverTimestamp\":\"2026-11-25T14:10:54.120Z\"}");
        assertDocumented("/v1/groups/{groupId}/messages", posted);
        PostGroupMessageCommand command = (PostGroupMessageCommand) server.fakes.lastCommand.get();
        assertThat(command.senderKeyId().value()).isEqualTo("0123456789abcdef");
        assertThat(server.post(GROUP + "/messages", message("again")).status()).isEqualTo(200);
        TestServer.Response badKey = server.post(GROUP + "/messages", "{\"senderKeyId\":\"xyz\",\"ciphertext\":\"AQID\",\"authTag\":\"" + TAG + "\"}");
        assertThat(badKey.json().path("error").asText()).isEqualTo("INVALID_SENDER_KEY_ID");
        assertDocumented("/v1/groups/{groupId}/messages", badKey);
        TestServer.Response badTag = server.post(GROUP + "/messages", "{\"senderKeyId\":\"0123456789abcdef\",\"ciphertext\":\"AQID\",\"authTag\":\"AQID\"}");
        assertThat(badTag.json().path("error").asText()).isEqualTo("INVALID_AUTH_TAG");
    }

    @Test
    void aGroupMessageMayBe128KiBLikeASend() {
        String large = Base64.getEncoder().encodeToString(new byte[65_536]);
        TestServer.Response posted = server.post(GROUP + "/messages", "{\"senderKeyId\":\"0123456789abcdef\",\"ciphertext\":\"" + large
                + "\",\"authTag\":\"" + TAG + "\"}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String tooLarge = "x".repeat(129 * 1024);
        TestServer.Response refused = server.post(GROUP + "/messages", "{\"senderKeyId\":\"" + tooLarge + "\"}");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(server.post(GROUP + "/read", "{\"x\":\"" + "y".repeat(65 * 1024) + "\"}").status()).isEqualTo(413);
    }

    @Test
    void historyTakesTheCursorsOfADmHistory() {
        TestServer.Response page = server.get(GROUP + "/messages?afterId=0&limit=10");
        assertThat(page.status()).isEqualTo(200);
        assertDocumented("/v1/groups/{groupId}/messages", page);
        GroupHistoryQuery query = (GroupHistoryQuery) server.fakes.lastCommand.get();
        assertThat(query.cursor()).isInstanceOf(HistoryCursor.First.class);
        assertThat(query.limit()).isEqualTo(10);
        TestServer.Response both = server.get(GROUP + "/messages?afterId=1&beforeId=5");
        assertThat(both.json().path("error").asText()).isEqualTo("INVALID_QUERY");
        assertDocumented("/v1/groups/{groupId}/messages", both);
        assertThat(server.get(GROUP + "/messages?limit=0").json().path("error").asText()).isEqualTo("INVALID_QUERY");
    }

    @Test
    void theReadPointerNeedsAMessageId() {
        TestServer.Response read = server.post(GROUP + "/read", "{\"upToMessageId\":7}");
        assertThat(read.body()).isEqualTo("{\"ok\":true}");
        assertDocumented("/v1/groups/{groupId}/read", read);
        TestServer.Response none = server.post(GROUP + "/read", "{}");
        assertThat(none.json().path("error").asText()).isEqualTo("MESSAGE_NOT_FOUND");
        assertDocumented("/v1/groups/{groupId}/read", none);
    }
}
