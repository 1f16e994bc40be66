package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every answer tells a browser not to sniff or frame it; the status page runs nothing but its own code. */
class SecurityHeadersTest {
    private static TestServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void jsonAnswersAndErrorsAreNotSniffedOrFramed() throws Exception {
        for (String path : new String[] {"/health", "/openapi.json", "/v1/nope", "/v1/auth/me"}) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(server.uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
        }
    }

    @Test
    void theStatusPageDeclaresItsCharsetAndAllowsOnlyItsOwnInlineCode() throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(server.uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).matches("text/html; ?charset=(?i)utf-8");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        String body = page.body();
        String script = body.substring(body.indexOf("<script>") + "<script>".length(), body.indexOf("</script>"));
        String style = body.substring(body.indexOf("<style>") + "<style>".length(), body.indexOf("</style>"));
        assertThat(policy).contains("script-src " + sha256(script)).contains("style-src " + sha256(style));
    }

    private static String sha256(String text) throws Exception {
        return "'sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))) + "'";
    }
}
