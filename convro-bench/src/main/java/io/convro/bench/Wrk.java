package io.convro.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs wrk with send.lua and reads back the one summary line the script prints. */
final class Wrk {
    /** What one wrk run reported; latencies in microseconds. */
    record Result(long requests, long durationMicros, long socketErrors, long non2xx, long p50, long p90, long p99,
                  long p999, long max) {
        double perSecond() {
            return requests * 1_000_000.0 / durationMicros;
        }
    }

    private final Path script;
    private final Path pairsFile;
    private final String ciphertext;
    private final String authTag;

    Wrk(Path workDir, Path pairsFile, String ciphertext, String authTag) {
        this.script = workDir.resolve("send.lua");
        this.pairsFile = pairsFile;
        this.ciphertext = ciphertext;
        this.authTag = authTag;
        try (InputStream lua = Wrk.class.getResourceAsStream("send.lua")) {
            Files.write(script, lua.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(URI base, String phase, int threads, int connections, int seconds) {
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), base.toString(), "--", pairsFile.toString(), phase, ciphertext, authTag);
        try {
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk (apt-get install wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** wrk's own text plus our CONVRO-WRK line; "Non-2xx or 3xx responses: N" appears only when N > 0. */
    static Result parse(String output) {
        Map<String, Long> values = new HashMap<>();
        long non2xx = 0;
        for (String line : output.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("CONVRO-WRK ")) {
                for (String pair : trimmed.substring("CONVRO-WRK ".length()).split(" ")) {
                    String[] keyValue = pair.split("=");
                    values.put(keyValue[0], Math.round(Double.parseDouble(keyValue[1])));
                }
            } else if (trimmed.startsWith("Non-2xx or 3xx responses:")) {
                non2xx = Long.parseLong(trimmed.substring(trimmed.indexOf(':') + 1).trim());
            }
        }
        if (!values.containsKey("requests")) {
            throw new IllegalStateException("wrk printed no summary: " + output);
        }
        long socketErrors = values.get("connect_errors") + values.get("read_errors") + values.get("write_errors")
                + values.get("timeouts");
        return new Result(values.get("requests"), values.get("duration_us"), socketErrors, non2xx, values.get("p50_us"),
                values.get("p90_us"), values.get("p99_us"), values.get("p999_us"), values.get("max_us"));
    }
}
