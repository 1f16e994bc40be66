package io.convro.domain.session;

/** Which side of a session a device is on. */
public enum SessionRole {
    INITIATOR, RESPONDER
}
