package io.convro.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every answer the soak got, per route: all of them (status counts and latency percentiles) and per 100 ms of the
 * run by the moment the request was sent (counts per kind of outcome, slowest answer), so that what happened during
 * a fault, and when the server had recovered after it, can be read back afterwards.
 */
final class Timeline {
    static final int BUCKET_MILLIS = 100;

    /** What one answer was, for the per-bucket counts: a status is one of these, or no answer at all. */
    enum Outcome {
        OK, LIMITED, UNAVAILABLE, SERVER_ERROR, CLIENT_ERROR, NO_ANSWER;

        static Outcome of(int status) {
            if (status < 0) {
                return NO_ANSWER;
            } else if (status == 429) {
                return LIMITED;
            } else if (status == 503) {
                return UNAVAILABLE;
            } else if (status >= 500) {
                return SERVER_ERROR;
            } else if (status >= 400) {
                return CLIENT_ERROR;
            }
            return OK;
        }
    }

    /** A 503 and what the server said it was refused for. */
    record Refusal(int bucket, String reason) {
    }

    private static final java.util.regex.Pattern MESSAGE = java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"([^\"]*)\"");

    /** No answer: the connection failed (refused, reset) or the request timed out; never a status a server sends. */
    static final int NO_CONNECTION = -1;
    static final int TIMED_OUT = -2;

    private final long startNanos;
    private final int buckets;
    private final ConcurrentMap<String, Route> routes = new ConcurrentHashMap<>();

    Timeline(long startNanos, int seconds) {
        this.startNanos = startNanos;
        this.buckets = seconds * 1000 / BUCKET_MILLIS + 1;
    }

    /** One route's answers. */
    static final class Route {
        final Latencies latencies = new Latencies(1 << 16);
        final ConcurrentMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final AtomicLongArray[] outcomes = new AtomicLongArray[Outcome.values().length];
        final AtomicLongArray slowestMicros;
        final LongAdder notSent = new LongAdder();
        /** Every 503 as (bucket, the answer's {@code message}): which bound refused, read back per fault. */
        private final java.util.List<Refusal> refusals = new java.util.ArrayList<>();
        /** Every answer as (bucket << 40 | µs), for percentiles over a window. */
        private long[] samples = new long[1 << 12];
        private int sampleCount;

        private Route(int buckets) {
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = new AtomicLongArray(buckets);
            }
            slowestMicros = new AtomicLongArray(buckets);
        }

        synchronized void sample(int bucket, long micros) {
            if (sampleCount == samples.length) {
                samples = java.util.Arrays.copyOf(samples, sampleCount * 2);
            }
            samples[sampleCount++] = ((long) bucket << 40) | Math.min(micros, (1L << 40) - 1);
        }

        /** Latency percentiles (µs) of the answers to requests sent in [from, to). */
        synchronized long[] percentiles(int from, int to, double... percentiles) {
            long[] window = new long[sampleCount];
            int n = 0;
            for (int i = 0; i < sampleCount; i++) {
                long bucket = samples[i] >>> 40;
                if (bucket >= from && bucket < to) {
                    window[n++] = samples[i] & ((1L << 40) - 1);
                }
            }
            long[] sorted = java.util.Arrays.copyOf(window, n);
            java.util.Arrays.sort(sorted);
            long[] result = new long[percentiles.length];
            for (int i = 0; i < percentiles.length; i++) {
                result[i] = Latencies.percentile(sorted, percentiles[i]);
            }
            return result;
        }

        synchronized void refused(int bucket, String reason) {
            refusals.add(new Refusal(bucket, reason));
        }

        /** The 503s to requests sent in [from, to), counted by the answer's message. */
        synchronized Map<String, Long> refusals(int from, int to) {
            Map<String, Long> counts = new TreeMap<>();
            for (Refusal refusal : refusals) {
                if (refusal.bucket() >= from && refusal.bucket() < to) {
                    counts.merge(refusal.reason(), 1L, Long::sum);
                }
            }
            return counts;
        }

        Map<Integer, Long> statusCounts() {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            return counts;
        }
    }

    void record(String route, long sentNanos, int status, long micros) {
        record(route, sentNanos, status, micros, "");
    }

    /** An answer; the body is read only for a 503, for the reason it gives. */
    void record(String route, long sentNanos, int status, long micros, String body) {
        Route at = route(route);
        if (status == 503) {
            String text = body == null ? "" : body;
            java.util.regex.Matcher message = MESSAGE.matcher(text);
            at.refused(bucketOf(sentNanos), message.find() ? message.group(1)
                    : text.isBlank() ? "(no message)" : text.substring(0, Math.min(80, text.length())));
        }
        at.statuses.computeIfAbsent(status, ignored -> new LongAdder()).increment();
        if (status > 0) {
            at.latencies.add(micros);
        }
        int bucket = bucketOf(sentNanos);
        if (bucket >= 0 && bucket < buckets) {
            if (status > 0) {
                at.sample(bucket, micros);
            }
            at.outcomes[Outcome.of(status).ordinal()].incrementAndGet(bucket);
            long slowest;
            do {
                slowest = at.slowestMicros.get(bucket);
            } while (micros > slowest && !at.slowestMicros.compareAndSet(bucket, slowest, micros));
        }
    }

    /** A request the load did not send because too many were waiting for an answer already. */
    void notSent(String route) {
        route(route).notSent.increment();
    }

    Route route(String route) {
        return routes.computeIfAbsent(route, ignored -> new Route(buckets));
    }

    Map<String, Route> routes() {
        return new TreeMap<>(routes);
    }

    /** Per second of the run (from {@code fromBucket}), per route: answers by outcome and the slowest; a CSV file. */
    String csv(int fromBucket) {
        StringBuilder text = new StringBuilder("second,route");
        for (Outcome outcome : Outcome.values()) {
            text.append(',').append(outcome.name().toLowerCase(java.util.Locale.ROOT));
        }
        text.append(",slowest_ms\n");
        int perSecond = 1000 / BUCKET_MILLIS;
        for (int second = 0; fromBucket + second * perSecond < buckets; second++) {
            int from = fromBucket + second * perSecond;
            int to = Math.min(buckets, from + perSecond);
            for (Map.Entry<String, Route> entry : routes().entrySet()) {
                long[] counts = new long[Outcome.values().length];
                long total = 0;
                for (Outcome outcome : Outcome.values()) {
                    for (int b = from; b < to; b++) {
                        counts[outcome.ordinal()] += entry.getValue().outcomes[outcome.ordinal()].get(b);
                    }
                    total += counts[outcome.ordinal()];
                }
                if (total == 0) {
                    continue;
                }
                text.append(second).append(',').append(entry.getKey());
                for (long count : counts) {
                    text.append(',').append(count);
                }
                text.append(',').append(slowest(entry.getKey(), from, to) / 1000).append('\n');
            }
        }
        return text.toString();
    }

    int bucketOf(long nanos) {
        return (int) ((nanos - startNanos) / 1_000_000L / BUCKET_MILLIS);
    }

    long nanosOfBucket(int bucket) {
        return startNanos + bucket * BUCKET_MILLIS * 1_000_000L;
    }

    int buckets() {
        return buckets;
    }

    /** Counts per outcome of the given routes for requests sent in [from, to) (bucket numbers). */
    Map<Outcome, Long> outcomes(Set<String> routeNames, int from, int to) {
        Map<Outcome, Long> counts = new TreeMap<>();
        for (String name : routeNames) {
            Route route = routes.get(name);
            if (route == null) {
                continue;
            }
            for (Outcome outcome : Outcome.values()) {
                long sum = 0;
                for (int b = Math.max(0, from); b < Math.min(to, buckets); b++) {
                    sum += route.outcomes[outcome.ordinal()].get(b);
                }
                if (sum > 0) {
                    counts.merge(outcome, sum, Long::sum);
                }
            }
        }
        return counts;
    }

    /** The slowest answer, in µs, to a request of the route sent in [from, to). */
    long slowest(String routeName, int from, int to) {
        Route route = routes.get(routeName);
        long slowest = 0;
        if (route != null) {
            for (int b = Math.max(0, from); b < Math.min(to, buckets); b++) {
                slowest = Math.max(slowest, route.slowestMicros.get(b));
            }
        }
        return slowest;
    }

    /**
     * The first bucket at or after {@code from} from which on, for {@code steadyBuckets} buckets, the given routes had
     * answers and every one was 2xx or 429: when the server was itself again. -1 if that never happened.
     */
    int recoveredAt(Set<String> routeNames, int from, int steadyBuckets) {
        for (int b = Math.max(0, from); b + steadyBuckets <= buckets; b++) {
            if (steady(routeNames, b, b + steadyBuckets)) {
                return b;
            }
        }
        return -1;
    }

    /**
     * The first bucket at or after {@code from} from which on, for {@code steadyBuckets} buckets, every answer of the
     * given routes came within {@code micros}: when the server was fast again, not only answering. -1 if never.
     */
    int fastAgainAt(Set<String> routeNames, int from, int steadyBuckets, long micros) {
        for (int b = Math.max(0, from); b + steadyBuckets <= buckets; b++) {
            boolean fast = true;
            for (int c = b; c < b + steadyBuckets && fast; c++) {
                for (String name : routeNames) {
                    Route route = routes.get(name);
                    if (route != null && route.slowestMicros.get(c) > micros) {
                        fast = false;
                        break;
                    }
                }
            }
            if (fast) {
                return b;
            }
        }
        return -1;
    }

    private boolean steady(Set<String> routeNames, int from, int to) {
        for (int b = from; b < to; b++) {
            long ok = 0;
            for (String name : routeNames) {
                Route route = routes.get(name);
                if (route == null) {
                    continue;
                }
                for (Outcome outcome : Outcome.values()) {
                    long count = route.outcomes[outcome.ordinal()].get(b);
                    if (outcome == Outcome.OK || outcome == Outcome.LIMITED) {
                        ok += count;
                    } else if (count > 0) {
                        return false;
                    }
                }
            }
            if (ok == 0) {
                return false;
            }
        }
        return true;
    }
}
