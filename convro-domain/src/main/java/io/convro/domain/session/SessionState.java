package io.convro.domain.session;

/** PENDING until the responder device accepts, then ACTIVE; CLOSED once either device is removed. */
public enum SessionState {
    PENDING, ACTIVE, CLOSED
}
