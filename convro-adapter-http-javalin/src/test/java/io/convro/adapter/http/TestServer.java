package io.convro.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The app on a free loopback port with {@link FakeUseCases}, and a small real-HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    final FakeUseCases fakes = new FakeUseCases();
    final Javalin app;
    private final Duration grace;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    TestServer() {
        this(() -> true);
    }

    TestServer(HealthProbe probe) {
        this(probe, AddressRateLimits.off());
    }

    TestServer(AddressRateLimits authRateLimit) {
        this(() -> true, authRateLimit);
    }

    /** Every request timed on {@code operations.meters()}. */
    TestServer(HttpOperations operations) {
        this(() -> true, AddressRateLimits.off(), operations);
    }

    private TestServer(HealthProbe probe, AddressRateLimits authRateLimit) {
        this(probe, authRateLimit, HttpOperations.none());
    }

    private TestServer(HealthProbe probe, AddressRateLimits authRateLimit, HttpOperations operations) {
        HttpSettings settings = new HttpSettings("1.2.3-test", FakeUseCases.T0, () -> FakeUseCases.T0.plusSeconds(42),
                Duration.ofSeconds(1), HttpSettings.defaultMaxThreads());
        this.grace = settings.shutdownTimeout();
        app = ConvroHttpApp.create(fakes.useCases(), probe, settings, authRateLimit, operations).start("127.0.0.1", 0);
    }

    HttpClient client() {
        return client;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    }

    Response get(String path) {
        return send(authorized(path).GET().build());
    }

    Response getPublic(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Response post(String path, String json) {
        return send(authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response postPublic(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response delete(String path) {
        return send(authorized(path).DELETE().build());
    }

    HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + FakeUseCases.TOKEN);
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(),
                    request.method(), request.uri().getPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ConvroHttpApp.stopGracefully(app, grace);
    }

    record Response(int status, String contentType, String retryAfter, String body, String method, String path) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String error() {
            return json().path("error").asText();
        }

        boolean isJson() {
            return contentType.startsWith("application/json");
        }
    }

    static Instant now() {
        return Instant.now();
    }
}
