package io.convro.bench;

import java.util.Arrays;

/** Recorded latencies in microseconds, thread-safe to add to; percentiles by sorting a copy. */
final class Latencies {
    private long[] values;
    private int size;

    /** Room for {@code expected} values before the storage has to grow. */
    Latencies(int expected) {
        values = new long[Math.max(16, expected)];
    }

    synchronized void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    /** A copy of what was recorded, in the order it came. */
    synchronized long[] snapshot() {
        return Arrays.copyOf(values, size);
    }

    synchronized int count() {
        return size;
    }

    /** Percentiles (0..100) in microseconds, in the order asked; zeros when nothing was recorded. */
    synchronized long[] percentiles(double... percentiles) {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        long[] result = new long[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            result[i] = percentile(sorted, percentiles[i]);
        }
        return result;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
