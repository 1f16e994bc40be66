package io.convro.bootstrap.blackbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The body limits on the jar's default, embedded H2: one fresh data folder per server. */
class H2OversizedBodiesTest extends OversizedBodiesSuite {
    private final List<Path> dataDirs = new ArrayList<>();

    @Override
    protected Map<String, String> database(String name) throws Exception {
        Path dataDir = Files.createTempDirectory("convro-413-" + name);
        dataDirs.add(dataDir);
        return Map.of("CONVRO_DATA_DIR", dataDir.toString());
    }

    @Override
    protected void cleanUp() throws Exception {
        for (Path dataDir : dataDirs) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
