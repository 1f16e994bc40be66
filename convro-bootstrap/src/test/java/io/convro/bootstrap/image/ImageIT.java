package io.convro.bootstrap.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI image jib wrote (target/convro-server-image.tar, the {@code image} profile), checked without a container
 * runtime: its configuration is read from the OCI layout, its layers are unpacked into a folder, and its entrypoint
 * runs there under chroot, as the image's user, in a PID namespace with its own /proc (as a container would have),
 * until {@code /health} answers. So the image's Java runtime and libraries are complete, not merely present. Needs
 * root (chroot); with {@code CI=true} a missing image or a missing privilege fails instead of skipping.
 */
class ImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean CI = "true".equals(System.getenv("CI"));
    @TempDir
    Path work;
    private Process running;

    @BeforeEach
    void imageWasBuilt() throws Exception {
        String image = System.getProperty("convro.image");
        if (image == null) {
            assertThat(CI).as("with CI=true the image profile builds the image before integration tests").isFalse();
            Assumptions.abort("the image is built by the image profile (-Pimage, or CI=true)");
        }
        assertThat(Path.of(image)).as("jib:buildTar wrote the image at package").isRegularFile();
        boolean root = "0".equals(run(List.of("id", "-u")).trim());
        if (!root) {
            assertThat(CI).as("with CI=true the image is run under chroot, which needs root").isFalse();
            Assumptions.abort("running the image's files needs root (chroot)");
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.isAlive()) {
            stopAsAContainerWould();
            if (!running.waitFor(20, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // unshare then sends the JVM SIGTERM
            }
        }
    }

    /**
     * SIGTERM to the image's process (PID 1 of its namespace), as {@code docker stop} sends it: unshare itself
     * ignores SIGTERM while it waits for its child.
     */
    private void stopAsAContainerWould() {
        running.descendants().filter(process -> process.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .forEach(ProcessHandle::destroy);
    }

    @Test
    void theImageRunsTheServerAsItsOwnUserFromItsOwnJavaRuntime() throws Exception {
        Path layout = Files.createDirectories(work.resolve("oci"));
        run(List.of("tar", "-xf", System.getProperty("convro.image"), "-C", layout.toString()));
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = blob(layout, index.path("manifests").path(0).path("digest").asText());
        JsonNode config = blob(layout, manifest.path("config").path("digest").asText()).path("config");

        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        assertThat(entrypoint).startsWith("java").contains("-Xmx256m", "io.convro.bootstrap.Main");
        assertThat(config.path("User").asText()).isEqualTo("65532:65532");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();

        Path root = Files.createDirectories(work.resolve("rootfs"));
        for (JsonNode layer : manifest.path("layers")) {
            assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            run(List.of("tar", "-xzf", digestPath(layout, layer.path("digest").asText()).toString(), "-C", root.toString()));
        }
        assertThat(root.resolve("opt/java/bin/java")).isExecutable();
        Files.createDirectories(root.resolve("proc"));

        int port = freePort();
        // a container's view: its own PID namespace, /proc and /dev (the JVM seeds its SecureRandom from
        // /dev/urandom), the image's root, its user, and only its environment; the mounts end with the namespace
        Files.createDirectories(root.resolve("dev"));
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork",
                "--kill-child=SIGTERM", "--mount-proc=" + root.resolve("proc"), "/bin/sh", "-c",
                "/bin/mount --rbind /dev \"$0/dev\" && exec /usr/sbin/chroot --userspec=65532:65532 \"$0\" \"$@\"",
                root.toString()));
        command.addAll(entrypoint); // "java", found on the image's PATH inside the chroot
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("image.log").toFile());
        builder.environment().clear();
        config.path("Env").forEach(variable -> {
            String text = variable.asText();
            builder.environment().put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
        });
        builder.environment().put("CONVRO_HTTP_HOST", "127.0.0.1");
        builder.environment().put("CONVRO_HTTP_PORT", Integer.toString(port));
        String redis = System.getenv("CONVRO_TEST_REDIS_URL");
        if (redis != null && !redis.isBlank()) {
            builder.environment().put("CONVRO_REDIS_URL", redis.trim()); // the Redis client's classes are in the image too
        }
        running = builder.start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Process process = running;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("the image's server runs; see %s", work.resolve("image.log")).isTrue();
            return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
        JsonNode answer = JSON.readTree(http.send(health, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(answer.path("version").asText()).isEqualTo(System.getProperty("convro.version"));
        assertThat(answer.path("database").asText()).startsWith("H2 ");
        assertThat(answer.path("redis").asText()).isEqualTo(redis == null || redis.isBlank() ? "none" : "up");
        assertThat(Files.readString(work.resolve("image.log"))).contains("listening on 127.0.0.1:" + port);
        assertThat(root.resolve("var/lib/convro/data")).as("the embedded database's folder, made by the server")
                .isDirectory();
        assertThat(Files.getOwner(root.resolve("var/lib/convro/data")).getName()).isIn("65532", "convro", "nobody")
                .isNotEqualTo("root");

        long signalled = System.nanoTime();
        stopAsAContainerWould();
        assertThat(running.waitFor(15, TimeUnit.SECONDS)).as("the image's server stops on SIGTERM").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        System.out.printf("image: SIGTERM to exit %d ms%n", took.toMillis());
        assertThat(took).as("a graceful stop inside the image").isLessThan(Duration.ofSeconds(5));
        assertThat(Files.readString(work.resolve("image.log"))).contains("Stopped");
    }

    private static JsonNode blob(Path layout, String digest) throws IOException {
        return JSON.readTree(digestPath(layout, digest).toFile());
    }

    private static Path digestPath(Path layout, String digest) {
        String[] parts = digest.split(":", 2);
        return layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
