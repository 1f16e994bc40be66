package io.convro.bootstrap.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The REST calls of API.md §10, as a client makes them. */
final class Groups {
    private final RestClient rest;

    Groups(RestClient rest) {
        this.rest = rest;
    }

    RestClient.Answer create(Account by, String kind, List<Long> members) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("encryptedTitle", Base64.getEncoder().encodeToString(Conversations.random(24)));
        body.put("memberUserIds", members);
        return rest.post("/v1/groups", by.accessToken(), body);
    }

    RestClient.Answer post(Account by, String groupId, String clientMessageId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("senderKeyId", "00112233445566ff");
        body.put("ciphertext", Base64.getEncoder().encodeToString(Conversations.random(48)));
        body.put("authTag", Base64.getEncoder().encodeToString(Conversations.random(16)));
        if (clientMessageId != null) {
            body.put("clientMessageId", clientMessageId);
        }
        return rest.post("/v1/groups/" + groupId + "/messages", by.accessToken(), body);
    }

    RestClient.Answer members(Account by, String groupId, Object body) {
        return rest.post("/v1/groups/" + groupId + "/members", by.accessToken(), body);
    }

    RestClient.Answer history(Account by, String groupId, String query) {
        return rest.get("/v1/groups/" + groupId + "/messages" + query, by.accessToken());
    }

    RestClient.Answer group(Account by, String groupId) {
        return rest.get("/v1/groups/" + groupId, by.accessToken());
    }

    JsonNode list(Account by) {
        return rest.get("/v1/groups", by.accessToken()).expect(200).get("groups");
    }

    RestClient.Answer read(Account by, String groupId, long upTo) {
        return rest.post("/v1/groups/" + groupId + "/read", by.accessToken(), Map.of("upToMessageId", upTo));
    }

    static void expectError(RestClient.Answer answer, int status, String code) {
        answer.expect(status);
        if (!code.equals(answer.body().path("error").asText())) {
            throw new AssertionError("expected " + code + " but got " + answer.body());
        }
    }
}
