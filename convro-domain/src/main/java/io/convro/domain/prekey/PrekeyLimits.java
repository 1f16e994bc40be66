package io.convro.domain.prekey;

/** How many one-time prekeys an upload and a device may hold, and when a device is told to top up. */
public final class PrekeyLimits {
    public static final int MAX_PER_UPLOAD = 100;
    public static final int MAX_STORED_PER_DEVICE = 1000;
    /** A bundle fetch that leaves fewer than this many sends {@code prekeys:low}. */
    public static final int LOW_WATERMARK = 10;

    private PrekeyLimits() {
    }
}
