package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /docs} in headless Chromium on a machine that can reach no other host: every name but the server's own
 * address resolves to nothing, yet the page renders every operation of {@code /openapi.json} under its own
 * Content-Security-Policy. Chromium is mandatory when {@code CI=true}.
 */
class ApiReferencePageIT {
    @TempDir
    Path work;

    @Test
    void theApiReferenceRendersEveryOperationWithoutAnyOtherHost() throws Exception {
        Optional<Path> chromium = onPath("chromium").or(() -> onPath("chromium-browser"));
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(chromium).as("chromium is required in CI").isPresent();
        }
        assumeTrue(chromium.isPresent(), "chromium is not installed");

        ConvroServer server = new ConvroServer(ConvroConfig.from(Map.of("CONVRO_HTTP_HOST", "127.0.0.1", "CONVRO_HTTP_PORT", "0",
                "CONVRO_DATA_DIR", work.resolve("data").toString()))).start();
        try {
            Path dom = work.resolve("dom.html");
            Process browser = new ProcessBuilder(List.of(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--user-data-dir=" + work.resolve("profile"), "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                    "--virtual-time-budget=15000", "--dump-dom", "http://127.0.0.1:" + server.port() + "/docs"))
                    .redirectOutput(dom.toFile()).redirectError(work.resolve("chromium.err").toFile()).start();
            assertThat(browser.waitFor(120, TimeUnit.SECONDS)).as("chromium finishes").isTrue();
            String page = Files.readString(dom);
            assertThat(page).as("Swagger UI rendered the document (see %s)", dom).contains("Convro API")
                    .contains("data-path=\"/v1/dm/messages/send\"", "data-path=\"/v1/auth/login\"", "data-path=\"/health\"");
        } finally {
            server.close();
        }
    }

    private static Optional<Path> onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }
}
