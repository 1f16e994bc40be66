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
 * latency was partly the listener's own). For the same reason a phase's storage is allocated before its load starts
 * ({@link #open}, and the bench then collects once so that it sits in the old generation), sized for more than it
 * will hold: grown by copying while deliveries arrive, or new in the young generation under load, the arrays of a
 * few MiB were copied by the collector as they were promoted, in pauses of 25–140 ms.
 */
final class Deliveries {
    private static final String FIELD = "\"clientMessageId\":\"";

    /** Room for a phase that was not opened (an event of a phase this run did not start). */
    private static final int UNEXPECTED = 1 << 10;

    /** One phase's deliveries. */
    static final class Phase {
        final Latencies latencies;
        private final Map<Integer, BitSet> seen = new HashMap<>();
        private final int expected;
        private int count;

        private Phase(int expected) {
            this.expected = expected;
            this.latencies = new Latencies(expected);
        }

        /** Whether this is the first time message {@code sequence} of wrk thread {@code thread} arrived. */
        private synchronized boolean firstTime(int thread, int sequence) {
            BitSet bits = seen.computeIfAbsent(thread, ignored -> new BitSet(expected));
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

    /** Make room for phase {@code name}, before its load starts: up to {@code expected} deliveries without growing. */
    Phase open(String name, int expected) {
        return phases.computeIfAbsent(name, ignored -> new Phase(expected));
    }

    Phase phase(String name) {
        return phases.computeIfAbsent(name, ignored -> new Phase(UNEXPECTED));
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
