package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The document {@code GET /openapi.json} serves passes Redocly's recommended rules with no error, checked by
 * {@code @redocly/cli} itself ({@code npx} from the npm registry, the version the build pins in
 * {@code redocly.cli.version}). Mandatory when {@code CI=true}; elsewhere it needs {@code npx} on the PATH.
 */
class OpenApiLintIT {
    @Test
    void theServedDocumentHasNoErrorUnderRedoclysRecommendedRules() throws Exception {
        String version = System.getProperty("redocly.cli.version");
        assertThat(version).as("the build passes redocly.cli.version").isNotBlank();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean npx = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "npx")));
        if (ci) {
            assertThat(npx).as("npx (Node.js) is required in CI").isTrue();
        }
        assumeTrue(npx, "npx is not installed");

        Path dir = Files.createDirectories(Path.of("target", "redocly"));
        Path document = dir.resolve("openapi.json");
        try (TestServer server = new TestServer()) {
            TestServer.Response served = server.getPublic("/openapi.json");
            assertThat(served.status()).isEqualTo(200);
            Files.writeString(document, served.body(), StandardCharsets.UTF_8);
        }
        Path report = dir.resolve("lint.txt");
        Process lint = new ProcessBuilder(List.of("npx", "--yes", "@redocly/cli@" + version, "lint", "--extends=recommended",
                "--format=stylish", document.toString()))
                .redirectErrorStream(true).redirectOutput(report.toFile()).start();
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("redocly lint finishes").isTrue();
        String output = Files.readString(report);
        System.out.println(output);
        assertThat(output).as("redocly ran (see %s)", report).contains("openapi.json");
        assertThat(lint.exitValue()).as("redocly lint: 0 errors (see %s)%n%s", report, output).isZero();
        assertThat(output).doesNotContainIgnoringCase("error was generated").doesNotContain("  error  ");
    }
}
