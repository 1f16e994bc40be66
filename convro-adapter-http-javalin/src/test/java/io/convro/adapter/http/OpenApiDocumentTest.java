package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.ParsedEndpoint;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the registered routes name exactly the same operations. */
class OpenApiDocumentTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Set<String> registeredRoutes() {
        return server.app.unsafe.internalRouter.allHttpHandlers().stream()
                .map((ParsedEndpoint parsed) -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method.name().toUpperCase(Locale.ROOT) + " " + endpoint.path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> documentedRoutes() {
        Set<String> routes = new TreeSet<>();
        Iterator<java.util.Map.Entry<String, JsonNode>> paths = OpenApiSchemas.DOCUMENT.tree().path("paths").fields();
        while (paths.hasNext()) {
            java.util.Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        return routes;
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() {
        assertThat(registeredRoutes()).contains("GET /health", "DELETE /v1/auth/devices/{deviceId}", "POST /v1/dm/messages/receipts");
        assertThat(documentedRoutes()).isEqualTo(registeredRoutes());
    }

    @Test
    void theSchemaCheckRejectsABodyThatBreaksTheDocument() {
        JsonNode wrong = TestServer.MAPPER.createObjectNode().put("status", "ok").put("db", "up")
                .put("timestamp", "2026-11-25T14:10:54Z").put("version", "1").put("uptimeSeconds", 1);
        JsonNode schema = OpenApiSchemas.DOCUMENT.tree().path("paths").path("/health").path("get").path("responses")
                .path("200").path("content").path("application/json").path("schema");
        assertThat(OpenApiSchemas.schema(schema).validate(wrong)).isNotEmpty();
    }

    @Test
    void fourTwentyNineIsDeclaredOnExactlyTheLimitedRoutesAndEvery429And503SaysWhenToComeBack() {
        Set<String> declaring429 = new TreeSet<>();
        OpenApiSchemas.DOCUMENT.tree().path("paths").fields().forEachRemaining(path -> path.getValue().fields()
                .forEachRemaining(operation -> {
                    JsonNode responses = operation.getValue().path("responses");
                    String route = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    if (responses.has("429")) {
                        declaring429.add(route);
                    }
                    for (String status : new String[] {"429", "503"}) {
                        if (responses.has(status)) {
                            assertThat(responses.path(status).path("headers").path("Retry-After").path("required").asBoolean())
                                    .as("%s %s declares Retry-After", route, status).isTrue();
                        }
                    }
                }));
        assertThat(declaring429).containsExactlyInAnyOrder("POST /v1/auth/register", "POST /v1/auth/login",
                "POST /v1/auth/refresh", "GET /v1/users/resolve", "GET /v1/prekeys/bundle", "GET /v1/prekeys/bundles",
                "POST /v1/dm/sessions/open",
                "POST /v1/dm/messages/send", "POST /v1/dm/messages/fanout", "POST /v1/groups/{groupId}/messages");
    }

    @Test
    void everyOperationDocumentsItsErrorsAndSecurity() {
        OpenApiSchemas.DOCUMENT.tree().path("paths").forEach(path -> path.forEach(operation -> {
            assertThat(operation.has("security")).isTrue();
            assertThat(operation.path("responses").size()).isPositive();
        }));
        assertThat(OpenApiSchemas.DOCUMENT.tree().path("paths").path("/v1/auth/login").path("post").path("responses")
                .path("409").path("x-error-codes").toString()).contains("TOO_MANY_DEVICES");
    }
}
