package io.convro.domain.session;

/** The server's numeric id of a DM session ({@code sessionDbId} on the wire). */
public record SessionDbId(long value) {
    public SessionDbId {
        if (value <= 0) {
            throw new IllegalArgumentException("sessionDbId must be positive");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
