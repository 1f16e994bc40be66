package io.convro.adapter.persistence.messages;

/**
 * How many waiting messages the writer puts into one statement. Each distinct count is a distinct multi-row
 * statement, and the driver keeps every server-side prepared statement it has seen, with a parameter object per
 * bound value, for the life of the connection: a free choice of 1 to 100 rows kept ~5,000 rows' worth of
 * parameter metadata per connection alive (tens of MiB of old generation for the collector to scan). Taking only
 * these counts, each about 1.5 times the one before, bounds that to 12 statements; what is left over waits for the
 * next statement, which follows at once.
 */
final class BatchSizes {
    static final int[] SIZES = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64};
    static final int MAX = SIZES[SIZES.length - 1];

    private BatchSizes() {
    }

    /** The largest size that {@code waiting} messages (at least one) fill completely. */
    static int take(int waiting) {
        if (waiting < 1) {
            throw new IllegalArgumentException("nothing waiting");
        }
        for (int i = SIZES.length - 1; i > 0; i--) {
            if (SIZES[i] <= waiting) {
                return SIZES[i];
            }
        }
        return 1;
    }
}
