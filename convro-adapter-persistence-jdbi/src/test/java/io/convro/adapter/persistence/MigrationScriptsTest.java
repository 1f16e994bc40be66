package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigrationScriptsTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theListedScriptsAreExactlyTheScriptsInTheMigrationFolders(Dialect dialect) throws IOException, URISyntaxException {
        for (Map.Entry<String, List<String>> location : dialect.migrationScripts().entrySet()) {
            URL folder = getClass().getClassLoader().getResource(location.getKey());
            assertThat(folder).as(location.getKey()).isNotNull();
            try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                assertThat(location.getValue()).as(location.getKey())
                        .containsExactlyInAnyOrderElementsOf(files.map(file -> file.getFileName().toString()).toList());
            }
        }
        assertThat(dialect.migrationScripts().keySet().stream().map(folder -> "classpath:" + folder))
                .containsExactlyInAnyOrder(dialect.migrationLocations());
    }

    @Test
    void theNamedScriptsResolveAsFlywaysOwnScanResolvesThemAndASchemaMigratedByTheScanValidates() {
        String url = DatabaseSettings.embeddedUrl(dataDir);
        FluentConfiguration scanned = configuration(url);
        FluentConfiguration named = configuration(url)
                .resourceProvider(MigrationScripts.of(Dialect.H2))
                .javaMigrationClassProvider(List::of);
        // before anything is applied, info describes what each way resolved: versions, scripts and checksums
        assertThat(describe(named.load().info().all())).isEqualTo(describe(scanned.load().info().all())).hasSize(6);

        assertThat(scanned.load().migrate().migrationsExecuted).isEqualTo(6);
        assertThat(named.load().validateWithResult().validationSuccessful).isTrue();
        assertThat(named.load().migrate().migrationsExecuted).isZero();
    }

    @Test
    void aNameThatIsNotListedIsNotFound() {
        MigrationScripts scripts = MigrationScripts.of(Dialect.MYSQL);
        assertThat(scripts.getResource("db/migration/common/V1__schema.sql")).isNotNull();
        assertThat(scripts.getResource("db/migration/h2/V9__missing.sql")).isNull();
        assertThat(scripts.getResources("V", new String[] {".sql"})).hasSize(6);
        assertThat(scripts.getResources("R", new String[] {".sql"})).isEmpty();
    }

    private static FluentConfiguration configuration(String url) {
        return Flyway.configure()
                .dataSource(url, "sa", "")
                .locations(Dialect.H2.migrationLocations())
                .placeholders(Dialect.H2.placeholders())
                .cleanDisabled(true);
    }

    private static List<String> describe(MigrationInfo[] migrations) {
        return Arrays.stream(migrations)
                .map(info -> info.getVersion() + "|" + info.getDescription() + "|" + info.getScript() + "|"
                        + info.getChecksum() + "|" + info.getState().isApplied())
                .toList();
    }
}
