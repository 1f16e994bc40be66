package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.adapter.http.OpenApiSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A client of the assembled server over real HTTP. Every answer is held to {@code /openapi.json} (the documented
 * status and schema of its route, or the {@code Error} schema for 404/405) and its error code, if any, is handed
 * to {@code observer} for the suite's checklist.
 */
final class BlackBoxHttp {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final String host;
    private final int port;
    private final Consumer<String> observer;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    BlackBoxHttp(int port, Consumer<String> observer) {
        this("127.0.0.1", port, observer);
    }

    /** @param host the address to connect to (an IP literal) */
    BlackBoxHttp(String host, int port, Consumer<String> observer) {
        this.host = host;
        this.port = port;
        this.observer = observer;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://" + host + ":" + port + pathAndQuery);
    }

    Response get(String token, String pathAndQuery) {
        return send(builder(token, pathAndQuery).GET().build());
    }

    Response post(String token, String path, String json) {
        return send(builder(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response delete(String token, String path) {
        return send(builder(token, path).DELETE().build());
    }

    HttpRequest.Builder builder(String token, String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            return checked(new Response(request.method(), request.uri().getRawPath(), answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(""), answer.body(),
                    answer.headers().firstValue("Retry-After").orElse(null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Send {@code requestLine} and headers byte for byte over a plain socket, for what an HTTP client library
     * would "correct" (an unencoded {@code +} in a query string, say). HTTP/1.1 with {@code Connection: close}.
     */
    Response raw(String method, String target, String token, String body) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            byte[] all = readAll(socket.getInputStream());
            return checked(parse(method, target, all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }

    private static Response parse(String method, String target, byte[] all) {
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete HTTP response: %s", text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        String retryAfter = null;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = lines[i].substring("content-type:".length()).trim();
            } else if (lower.startsWith("retry-after:")) {
                retryAfter = lines[i].substring("retry-after:".length()).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        String rest = text.substring(end + 4);
        String body = chunked ? dechunk(rest) : rest;
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        return new Response(method, path, status, contentType,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), retryAfter);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private Response checked(Response response) {
        if (response.status() == 429) {
            assertThat(response.retryAfter()).as("429 carries Retry-After in whole seconds").matches("[1-9][0-9]*");
        }
        if (response.isJson() && response.json().has("error")) {
            JsonNode error = response.json();
            assertThat(error.path("message").isTextual()).as("an error has a message: %s", response.body()).isTrue();
            assertThat(response.body()).as("no stack trace in an error").doesNotContain("Exception", "\tat ");
            observer.accept(error.path("error").asText());
        }
        String template = template(response.path());
        if (response.status() == 404 && "NOT_FOUND".equals(response.error()) || response.status() == 405) {
            assertThat(response.isJson()).as("404/405 answer JSON: %s", response.contentType()).isTrue();
            OpenApiSchemas.assertMatchesComponent("Error", response.json());
        } else if (!"/".equals(template)) {
            OpenApiSchemas.assertDocumented(template, response.method(), response.status(), response.contentType(),
                    response.body(), response.isJson() ? response.json() : null);
        }
        return response;
    }

    /** The OpenAPI path template of a concrete path. */
    static String template(String path) {
        if (path.startsWith("/v1/auth/devices/") && !path.equals("/v1/auth/devices/register")) {
            return "/v1/auth/devices/{deviceId}";
        }
        if (path.startsWith("/v1/groups/")) {
            // /v1/groups/{groupId}, and /members, /messages, /read below it
            return path.replaceFirst("^/v1/groups/[^/]+", "/v1/groups/{groupId}");
        }
        return path;
    }

    /**
     * One answer: status, content type, body and {@code Retry-After} ({@code null} when absent), with the request's
     * method and path for the OpenAPI check.
     */
    record Response(String method, String path, int status, String contentType, String body, String retryAfter) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String error() {
            return isJson() ? json().path("error").asText(null) : null;
        }

        boolean isJson() {
            return contentType.startsWith("application/json");
        }

        /** Assert the status and, for an error, the code; returns the body for further checks. */
        JsonNode expect(int expectedStatus) {
            assertThat(status).as("%s %s: %s", method, path, body).isEqualTo(expectedStatus);
            return json();
        }

        void expectError(int expectedStatus, String code) {
            assertThat(status).as("%s %s: %s", method, path, body).isEqualTo(expectedStatus);
            assertThat(error()).as("%s %s: %s", method, path, body).isEqualTo(code);
        }
    }
}
