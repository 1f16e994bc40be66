package io.convro.bootstrap;

import java.util.Locale;
import java.util.Optional;

/** How the node writes its log lines ({@code CONVRO_LOG_FORMAT}). */
public enum LogFormat {
    /** One human-readable line per event (the default). */
    TEXT,
    /** One JSON object per line (logback's {@code JsonEncoder}), for log collectors. */
    JSON;

    static final String VARIABLE = "CONVRO_LOG_FORMAT";

    /** {@code text} or {@code json} in any case; empty for anything else. */
    static Optional<LogFormat> parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> Optional.of(TEXT);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
