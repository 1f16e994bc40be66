package io.convro.bootstrap.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator's tests drive through a node: register, login, refresh, a session, a send and {@code /me}, keeping
 * every secret that went over the wire (password, access and refresh tokens, ciphertext) so that the logs can be
 * searched for each.
 */
final class OperationsFlow {
    final List<String> secrets = new ArrayList<>();
    private final Conversations conversations;

    OperationsFlow(URI base) {
        this.conversations = new Conversations(new RestClient(base));
        secrets.add(Conversations.PASSWORD);
    }

    /** The whole run; returns the send's status. */
    int run() {
        Conversations.Session session = conversations.activeSession();
        keep(session.initiator());
        keep(session.responder());
        Account again = conversations.newDevice(session.initiator());
        keep(again);
        JsonNode refreshed = conversations.rest().post("/v1/auth/refresh", null,
                Map.of("refreshToken", again.refreshToken())).expect(200);
        secrets.add(refreshed.get("accessToken").asText());
        secrets.add(refreshed.get("refreshToken").asText());
        conversations.rest().get("/v1/auth/me", session.initiator().accessToken()).expect(200);

        String ciphertext = Base64.getEncoder().encodeToString(Conversations.random(48));
        String authTag = Base64.getEncoder().encodeToString(Conversations.random(16));
        secrets.add(ciphertext);
        secrets.add(authTag);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", session.sessionId());
        body.put("recipientDeviceId", session.responder().deviceId());
        body.put("clientMessageId", Conversations.hex(8));
        body.put("clientTimestamp", "2026-11-25T14:10:54.120Z");
        body.put("ciphertext", ciphertext);
        body.put("authTag", authTag);
        return conversations.rest().post("/v1/dm/messages/send", session.initiator().accessToken(), body).status();
    }

    private void keep(Account account) {
        secrets.add(account.accessToken());
        secrets.add(account.refreshToken());
    }

    /** {@code GET path} as text, with {@code Authorization: Bearer token} when a token is given. */
    static HttpResponse<String> getText(URI base, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value of the one sample in a Prometheus text body whose line starts with {@code name} and holds every
     * one of {@code labels} (e.g. {@code uri="/v1/auth/me"}); 0 when there is none.
     */
    static double sample(String body, String name, String... labels) {
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
