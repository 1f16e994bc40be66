package io.convro.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bench's own JVM is where deliveries are timed, so its collector pauses count as delivery latency: with the
 * JVM's defaults (G1, a quarter of RAM) they were 10–100 ms every few seconds under the send load. So the bench
 * runs itself again in a JVM with the serial collector, unless it already is that JVM or {@code --bench-jvm=} says
 * otherwise. What a young collection keeps is small (sockets' buffers, the messages in flight), so it takes a
 * millisecond or two whatever the young generation's size; 128 MiB of it means one every two seconds or so at
 * 15,000 deliveries a second instead of two a second with 32 MiB.
 */
final class ListenerJvm {
    static final String DEFAULT_OPTIONS = "-XX:+UseSerialGC -Xmn128m -Xmx1g";
    private static final String MARK = "convro.bench.listenerJvm";

    private ListenerJvm() {
    }

    /** Whether this JVM should run the bench itself (already relaunched, or asked to stay as it is). */
    static boolean isThisOne(String options) {
        return Boolean.getBoolean(MARK) || options.isBlank() || options.equals("none");
    }

    /** The options this JVM was started with, for the report. */
    static String describeThis() {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return arguments.stream().filter(argument -> !argument.startsWith("-D" + MARK)).reduce((a, b) -> a + " " + b)
                .orElse("the JVM's defaults");
    }

    /** Run the bench again in a JVM with {@code options} and the same arguments; its exit code. */
    static int relaunch(String options, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(options.trim().split("\\s+")));
        command.add("-D" + MARK + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SendPathBench.class.getName());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
