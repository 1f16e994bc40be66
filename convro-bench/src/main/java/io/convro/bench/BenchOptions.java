package io.convro.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Command-line options, {@code --name=value}; every one has a default that reproduces docs/benchmarks.md. */
record BenchOptions(Path serverJar, String dbHost, String dbUser, String dbPassword, String dbUrlParameters, int pairs, int coldSeconds,
                    int warmupSeconds, int measureSeconds, List<Integer> connections, int wrkThreads, int idleSockets,
                    List<String> serverJvmOptions, int h2Starts, boolean twoPorts, Path report,
                    Optional<Path> profile, String profileEvent, String benchJvmOptions) {

    static BenchOptions parse(String[] args) {
        Map<String, String> given = given(args);
        BenchOptions options = new BenchOptions(
                Path.of(given.getOrDefault("jar", "convro-bootstrap/target/convro-server.jar")),
                given.getOrDefault("db-host", "127.0.0.1:3306"),
                given.getOrDefault("db-user", "root"),
                given.getOrDefault("db-password", ""),
                given.getOrDefault("db-url-parameters", ""),
                Integer.parseInt(given.getOrDefault("pairs", "50")),
                Integer.parseInt(given.getOrDefault("cold", "20")),
                Integer.parseInt(given.getOrDefault("warmup", "10")),
                Integer.parseInt(given.getOrDefault("measure", "30")),
                Arrays.stream(given.getOrDefault("connections", "64,16").split(",")).map(Integer::parseInt).toList(),
                Integer.parseInt(given.getOrDefault("wrk-threads", "1")),
                Integer.parseInt(given.getOrDefault("idle-sockets", "10000")),
                given.getOrDefault("server-jvm", "").isBlank() ? List.of()
                        : new ArrayList<>(Arrays.asList(given.get("server-jvm").trim().split("\\s+"))),
                Integer.parseInt(given.getOrDefault("h2-starts", "3")),
                Boolean.parseBoolean(given.getOrDefault("two-ports", "false")),
                Path.of(given.getOrDefault("report", "convro-bench/target/send-path-report.md")),
                Optional.ofNullable(given.get("profile")).map(Path::of),
                given.getOrDefault("profile-event", "cpu"),
                given.getOrDefault("bench-jvm", ListenerJvm.DEFAULT_OPTIONS));
        given.keySet().removeAll(List.of("jar", "db-host", "db-user", "db-password", "db-url-parameters", "pairs", "cold", "warmup", "measure",
                "connections", "wrk-threads", "idle-sockets", "server-jvm", "h2-starts", "two-ports", "report", "profile",
                "profile-event", "bench-jvm"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + given.keySet());
        }
        return options;
    }

    /** The {@code --name=value} arguments by name. */
    static Map<String, String> given(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options look like --name=value, got " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return given;
    }
}
