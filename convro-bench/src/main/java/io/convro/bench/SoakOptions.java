package io.convro.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak's options, {@code --name=value}; every one has a default (the run of docs/benchmarks.md). Fault times
 * are seconds from the start of the load; {@code auto} places them at fixed fractions of the run, {@code off} (or a
 * negative number) leaves the fault out.
 */
final class SoakOptions {
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("jar", "convro-bootstrap/target/convro-server.jar");
        DEFAULTS.put("minutes", "10");
        DEFAULTS.put("nodes", "1");
        DEFAULTS.put("send-rate", "400");
        DEFAULTS.put("ciphertext", "256");
        DEFAULTS.put("large-ciphertext", "49152");
        DEFAULTS.put("large-every", "20");
        DEFAULTS.put("history-rate", "25");
        DEFAULTS.put("conversations-rate", "10");
        DEFAULTS.put("bundle-rate", "5");
        DEFAULTS.put("health-every-ms", "100");
        DEFAULTS.put("pairs", "50");
        DEFAULTS.put("socket-devices", "100");
        DEFAULTS.put("sockets", "2000");
        DEFAULTS.put("burst-registrations", "200");
        DEFAULTS.put("burst-logins", "200");
        DEFAULTS.put("burst-every", "60");
        DEFAULTS.put("first-burst", "30");
        DEFAULTS.put("burst-retries", "2");
        DEFAULTS.put("kill-at", "auto");
        DEFAULTS.put("db-stop-at", "auto");
        DEFAULTS.put("db-stop", "20");
        DEFAULTS.put("db-fault", "pause");
        DEFAULTS.put("storm-at", "auto");
        DEFAULTS.put("login-stop-at", "auto");
        DEFAULTS.put("login-stop", "75");
        DEFAULTS.put("login-stop-logins", "200");
        DEFAULTS.put("redis-stop-at", "auto");
        DEFAULTS.put("redis-stop", "20");
        DEFAULTS.put("redis-fault", "pause");
        DEFAULTS.put("check-after", "15");
        DEFAULTS.put("max-in-flight", "3000");
        DEFAULTS.put("request-timeout", "20");
        DEFAULTS.put("report", "convro-bench/target/soak-report.md");
        DEFAULTS.put("server-env", "");
    }

    private final Map<String, String> values;

    private SoakOptions(Map<String, String> values) {
        this.values = values;
    }

    static SoakOptions parse(String[] args) {
        Map<String, String> given = BenchOptions.given(args);
        List<String> unknown = given.keySet().stream().filter(name -> !DEFAULTS.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown + "; known: " + DEFAULTS.keySet());
        }
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        values.putAll(given);
        return new SoakOptions(values);
    }

    int number(String name) {
        return Integer.parseInt(values.get(name));
    }

    String text(String name) {
        return values.get(name);
    }

    Path path(String name) {
        return Path.of(values.get(name));
    }

    int seconds() {
        return number("minutes") * 60;
    }

    /**
     * When a fault starts, in seconds from the load's start, or -1 for none. {@code auto}: the kill lands 3 s into the
     * first burst after a fifth of the run (mid-burst), the database stop at 40 %, the Redis stop (two nodes or
     * more) 5 s before the first burst after half the run (so registrations and logins meet it), the socket storm at
     * 60 %, the long stop with logins at 70 %.
     */
    int faultAt(String name) {
        String value = values.get(name);
        if (value.equals("off")) {
            return -1;
        }
        if (!value.equals("auto")) {
            return Integer.parseInt(value);
        }
        int run = seconds();
        return switch (name) {
            case "kill-at" -> firstBurstFrom(run / 5) + 3;
            case "db-stop-at" -> run * 2 / 5;
            case "redis-stop-at" -> number("nodes") > 1 ? firstBurstFrom(run / 2) - 5 : -1; // a burst inside it
            case "storm-at" -> run * 3 / 5;
            case "login-stop-at" -> run * 7 / 10;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private int firstBurstFrom(int second) {
        int burst = number("first-burst");
        while (burst < second) {
            burst += number("burst-every");
        }
        return burst;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(text.isEmpty() ? "" : " ").append("--").append(name).append('=').append(value));
        return text.toString();
    }
}
