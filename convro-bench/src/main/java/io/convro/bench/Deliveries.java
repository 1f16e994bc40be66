package io.convro.bench;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code dm:message} events the listening sockets received, per phase: how many distinct messages arrived
 * and how long after the request was made (the time is in the clientMessageId, see send.lua).
 */
final class Deliveries {
    private static final String FIELD = "\"clientMessageId\":\"";

    /** One phase's deliveries. */
    static final class Phase {
        final Latencies latencies = new Latencies();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
    }

    private final Map<String, Phase> phases = new ConcurrentHashMap<>();

    Phase phase(String name) {
        return phases.computeIfAbsent(name, ignored -> new Phase());
    }

    /** Record one event text ({@code 42["dm:message",{…}]}); other events are ignored. */
    void record(String eventText) {
        Instant now = Instant.now();
        int start = eventText.indexOf(FIELD);
        if (!eventText.startsWith("42[\"dm:message\"") || start < 0) {
            return;
        }
        start += FIELD.length();
        int end = eventText.indexOf('"', start);
        String id = eventText.substring(start, end);
        String[] parts = id.split("-");
        if (parts.length != 4) {
            return;
        }
        Phase phase = phase(parts[0]);
        if (phase.ids.add(id)) {
            long sentMicros = Long.parseLong(parts[3]);
            long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            phase.latencies.add(nowMicros - sentMicros);
        }
    }
}
