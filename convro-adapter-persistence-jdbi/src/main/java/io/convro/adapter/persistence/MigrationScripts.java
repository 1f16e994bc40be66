package io.convro.adapter.persistence;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migration scripts Flyway runs, named rather than searched for. Left to itself Flyway scans the class path
 * for its locations, which means walking every entry of the server jar (tens of thousands): a quarter of its time
 * on a start where the schema is already up to date. The scripts are listed per location in {@link Dialect};
 * a test checks the list against what is really in those folders.
 *
 * <p>A script reads exactly as Flyway's own class-path resource would (the same bytes, UTF-8), so the checksums
 * Flyway records and validates are the same whichever way it found the script.
 */
final class MigrationScripts implements ResourceProvider {
    private final ClassLoader loader;
    private final List<Script> scripts;

    private MigrationScripts(ClassLoader loader, List<Script> scripts) {
        this.loader = loader;
        this.scripts = scripts;
    }

    /** The scripts of {@code dialect}: the common ones and its own. */
    static MigrationScripts of(Dialect dialect) {
        ClassLoader loader = MigrationScripts.class.getClassLoader();
        return new MigrationScripts(loader, dialect.migrationScripts().entrySet().stream()
                .flatMap(location -> location.getValue().stream().map(file -> new Script(location.getKey(), file)))
                .toList());
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream()
                .filter(script -> script.path().equals(name) || script.fileName.equals(name))
                .findFirst()
                .map(script -> (LoadableResource) new ScriptResource(script, loader))
                .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return scripts.stream()
                .filter(script -> script.fileName.startsWith(prefix))
                .filter(script -> Arrays.stream(suffixes).anyMatch(script.fileName::endsWith))
                .map(script -> (LoadableResource) new ScriptResource(script, loader))
                .toList();
    }

    private record Script(String location, String fileName) {
        String path() {
            return location + "/" + fileName;
        }
    }

    private static final class ScriptResource extends LoadableResource {
        private final Script script;
        private final ClassLoader loader;

        ScriptResource(Script script, ClassLoader loader) {
            this.script = script;
            this.loader = loader;
        }

        @Override
        public Reader read() {
            InputStream in = loader.getResourceAsStream(script.path());
            if (in == null) {
                throw new FlywayException("migration script missing from the class path: " + script.path());
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return script.path();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return script.path();
        }

        @Override
        public String getFilename() {
            return script.fileName;
        }

        @Override
        public String getRelativePath() {
            return script.fileName;
        }
    }
}
