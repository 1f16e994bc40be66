package io.convro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
