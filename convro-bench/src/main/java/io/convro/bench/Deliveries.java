package io.convro.bench;

import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code dm:message} events the listening sockets received, per phase: how many distinct messages arrived
 * and how long after the request was made (the time is in the clientMessageId, see send.lua).
 *
 * <p>Which messages arrived is kept as one bit per message (by wrk thread and sequence number), not as a set of
 * their ids: a set of a few hundred thousand strings made this JVM's collector pause for 50–100 ms every few
 * seconds, and a delivery that arrives during a pause is timed late by the pause (the tail of the delivery
 * latency was partly the listener's own).
 */
final class Deliveries {
    private static final String FIELD = "\"clientMessageId\":\"";

    /** One phase's deliveries. */
    static final class Phase {
        final Latencies latencies = new Latencies();
        private final Map<Integer, BitSet> seen = new HashMap<>();
        private int count;

        /** Whether this is the first time message {@code sequence} of wrk thread {@code thread} arrived. */
        private synchronized boolean firstTime(int thread, int sequence) {
            BitSet bits = seen.computeIfAbsent(thread, ignored -> new BitSet());
            if (bits.get(sequence)) {
                return false;
            }
            bits.set(sequence);
            count++;
            return true;
        }

        /** Distinct messages delivered so far. */
        synchronized int count() {
            return count;
        }
    }

    private final Map<String, Phase> phases = new ConcurrentHashMap<>();

    Phase phase(String name) {
        return phases.computeIfAbsent(name, ignored -> new Phase());
    }

    /**
     * Record one event text ({@code 42["dm:message",{…}]}); other events are ignored. The clientMessageId is
     * {@code <phase>-<wrk thread>-<sequence>-<epoch µs>}.
     */
    void record(String eventText) {
        Instant now = Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        int start = eventText.indexOf(FIELD);
        if (!eventText.startsWith("42[\"dm:message\"") || start < 0) {
            return;
        }
        start += FIELD.length();
        int phaseEnd = eventText.indexOf('-', start);
        int threadEnd = phaseEnd < 0 ? -1 : eventText.indexOf('-', phaseEnd + 1);
        int sequenceEnd = threadEnd < 0 ? -1 : eventText.indexOf('-', threadEnd + 1);
        int end = sequenceEnd < 0 ? -1 : eventText.indexOf('"', sequenceEnd + 1);
        if (end < 0) {
            return;
        }
        Phase phase = phase(eventText.substring(start, phaseEnd));
        int thread = Integer.parseInt(eventText, phaseEnd + 1, threadEnd, 10);
        int sequence = Integer.parseInt(eventText, threadEnd + 1, sequenceEnd, 10);
        if (phase.firstTime(thread, sequence)) {
            long sentMicros = Long.parseLong(eventText, sequenceEnd + 1, end, 10);
            phase.latencies.add(nowMicros - sentMicros);
        }
    }
}
