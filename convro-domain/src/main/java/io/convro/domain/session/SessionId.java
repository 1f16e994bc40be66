package io.convro.domain.session;

import io.convro.domain.ErrorCode;
import io.convro.domain.Hex;

/** The client-chosen session id of a DM session: exactly 8 hex characters, unique across the server. */
public record SessionId(String value) {
    public SessionId {
        value = Hex.fixed(value, 8, ErrorCode.INVALID_SESSION_ID, "sessionId");
    }

    public static SessionId parse(String text) {
        return new SessionId(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
