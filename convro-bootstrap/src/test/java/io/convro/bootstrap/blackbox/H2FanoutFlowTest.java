package io.convro.bootstrap.blackbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** §9's flow against the jar's default: embedded H2 in a fresh data folder. */
class H2FanoutFlowTest extends FanoutFlowSuite {
    private Path dataDir;

    @Override
    protected Map<String, String> prepare() throws Exception {
        dataDir = Files.createTempDirectory("convro-bb-fanout").resolve("data");
        return Map.of("CONVRO_DATA_DIR", dataDir.toString());
    }

    @Override
    protected void cleanUp() throws Exception {
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
