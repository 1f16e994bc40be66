package io.convro.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run the launcher writes the class-data archive from ({@link ClassArchive}): a server of its own on a scratch
 * data folder (the embedded database), loopback and a port of its own, asked what clients ask first — health,
 * register, who am I, conversations, a send that is refused — then stopped. Its JVM exits with
 * {@code -XX:ArchiveClassesAtExit}, so the classes of a start and of those routes are archived without pausing the
 * serving JVM. Nothing it does touches the operator's data.
 */
final class ClassTraining {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private ClassTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Files.createTempDirectory("convro-class-training");
        try {
            ConvroServer server = new ConvroServer(ConvroConfig.from(Map.of("CONVRO_HTTP_HOST", "127.0.0.1",
                    "CONVRO_HTTP_PORT", "0", "CONVRO_DATA_DIR", scratch.toString()))).start();
            try {
                exercise(URI.create("http://127.0.0.1:" + server.port()));
            } finally {
                server.close();
            }
        } finally {
            deleteAll(scratch);
        }
        System.exit(0);
    }

    private static void exercise(URI server) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        send(http, get(server, "/health", null));
        String registered = send(http, post(server, "/v1/auth/register", null,
                "{\"password\":\"class training only\"}"));
        Matcher token = ACCESS_TOKEN.matcher(registered);
        if (!token.find()) {
            return;
        }
        String bearer = token.group(1);
        send(http, get(server, "/v1/auth/me", bearer));
        send(http, get(server, "/v1/dm/messages/conversations", bearer));
        send(http, post(server, "/v1/dm/messages/send", bearer,
                "{\"sessionId\":\"0000000000000000\",\"ciphertext\":\"AAAA\",\"clientMessageId\":\"training\"}"));
    }

    private static HttpRequest get(URI server, String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT).GET();
        return (bearer == null ? request : request.header("Authorization", "Bearer " + bearer)).build();
    }

    private static HttpRequest post(URI server, String path, String bearer, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return (bearer == null ? request : request.header("Authorization", "Bearer " + bearer)).build();
    }

    private static String send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void deleteAll(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
