package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /docs}: the API reference rendered from /openapi.json, every asset from this server and nothing else. */
class ApiReferenceTest {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thePageAndEveryAssetItLoadsComeFromThisServer() {
        TestServer.Response page = server.getPublic("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        List<String> references = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(page.body());
        while (reference.find()) {
            references.add(reference.group(1));
        }
        assertThat(references).as("a script, a style sheet and the start-up script").hasSize(3)
                .allSatisfy(path -> assertThat(path).startsWith("/docs/").doesNotContain("//"));
        for (String path : references) {
            TestServer.Response asset = server.getPublic(path);
            assertThat(asset.status()).as(path).isEqualTo(200);
            assertThat(asset.contentType()).as(path).matches("text/(javascript|css).*");
            assertThat(asset.body()).as(path).isNotEmpty();
        }
        String start = server.getPublic("/docs/api-reference.js").body();
        assertThat(start).as("renders this server's document, without the validator badge (another host)")
                .contains("url: \"/openapi.json\"").contains("validatorUrl: null");
        assertThat(server.getPublic("/docs/secrets.txt").status()).isEqualTo(404);
        assertThat(server.getPublic("/docs/..%2Fopenapi.json").status()).isEqualTo(404);
    }

    @Test
    void itsContentSecurityPolicyAllowsNoOtherHost() throws Exception {
        var answer = server.client().send(HttpRequest.newBuilder(server.uri("/docs")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        String policy = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
                .doesNotContain("http:", "https:", "*", "unsafe-eval");
    }
}
