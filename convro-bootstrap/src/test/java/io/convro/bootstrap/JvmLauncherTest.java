package io.convro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmLauncherTest {
    @Test
    void onlyABareJvmIsStartedAgainWithTheDefaults() {
        assertThat(JvmLauncher.shouldRelaunch(List.of(), Map.of())).isTrue();
        assertThat(JvmLauncher.shouldRelaunch(List.of("-Xmx1g"), Map.of())).isFalse();
        assertThat(JvmLauncher.shouldRelaunch(List.of("-Dfile.encoding=UTF-8"), Map.of())).as("any option: the operator chose").isFalse();
        assertThat(JvmLauncher.shouldRelaunch(List.of(), Map.of(JvmLauncher.LAUNCHER_PID_VARIABLE, "42")))
                .as("a child never starts another").isFalse();
    }

    @Test
    void convroJavaOptsReplacesTheDefaults() {
        assertThat(JvmLauncher.childOptions(Map.of())).isEqualTo(JvmLauncher.DEFAULT_OPTIONS);
        assertThat(JvmLauncher.childOptions(Map.of(JvmLauncher.OPTIONS_VARIABLE, "  "))).isEqualTo(JvmLauncher.DEFAULT_OPTIONS);
        assertThat(JvmLauncher.childOptions(Map.of(JvmLauncher.OPTIONS_VARIABLE, " -Xmx1g   -XX:+UseG1GC ")))
                .containsExactly("-Xmx1g", "-XX:+UseG1GC");
        assertThat(JvmLauncher.DEFAULT_OPTIONS).anyMatch(option -> option.startsWith("-Xmx"));
    }

    @Test
    void theClassArchiveIsWrittenByATrainingRunThenMappedAndNamedAfterJarJvmAndOptions(@TempDir Path dataDir)
            throws Exception {
        Path jar = Files.writeString(dataDir.resolve("server.jar"), "not really a jar");
        Map<String, String> env = Map.of("CONVRO_DATA_DIR", dataDir.toString());
        ClassArchive archive = ClassArchive.of(jar, JvmLauncher.DEFAULT_OPTIONS, env);
        assertThat(archive.missing()).isTrue();
        assertThat(archive.options()).as("nothing to map yet").isEmpty();
        List<String> java = List.of("java", "-Xmx192m");
        assertThat(archive.trainingCommand(java, jar)).startsWith("java", "-Xmx192m")
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit=") && option.endsWith(".writing"))
                .endsWith("-cp", jar.toString(), ClassTraining.class.getName());

        Files.writeString(archive.file(), "archive");
        assertThat(archive.missing()).isFalse();
        assertThat(archive.options().get(0)).isEqualTo("-XX:SharedArchiveFile=" + archive.file());

        ClassArchive otherOptions = ClassArchive.of(jar, List.of("-Xmx1g"), env);
        assertThat(otherOptions.file()).isNotEqualTo(archive.file());
        assertThat(otherOptions.missing()).isTrue();

        assertThat(ClassArchive.of(jar, JvmLauncher.DEFAULT_OPTIONS, Map.of("CONVRO_DATA_DIR", dataDir.toString(),
                ClassArchive.VARIABLE, "off"))).isNull();
        assertThat(ClassArchive.of(jar, List.of("-Xshare:off"), env)).as("the operator's own CDS options win").isNull();
    }
}
