package io.convro.application.sessions;

import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions this node has read, by sessionId, for what never changes once a session is stored: its ids,
 * its two users and its two devices. The state does change (accepted, closed), so it must never be taken
 * from here: whoever writes on the strength of a known session has the store check the state in the same step.
 * Sessions are never deleted, so a known session can only be missing, not wrong.
 */
public final class KnownSessions {
    /** Beyond this many, the node starts over (a re-read costs one look-up). */
    static final int CAPACITY = 50_000;

    private final Sessions sessions;
    private final ConcurrentHashMap<SessionId, DmSession> known = new ConcurrentHashMap<>();

    public KnownSessions(Sessions sessions) {
        this.sessions = sessions;
    }

    /** The session with {@code sessionId} if this node has read it already (never reads the store). */
    public Optional<DmSession> remembered(SessionId sessionId) {
        return Optional.ofNullable(known.get(sessionId));
    }

    /** The session with {@code sessionId}, read from the store the first time; its state may be out of date. */
    public Optional<DmSession> find(SessionId sessionId) {
        DmSession session = known.get(sessionId);
        if (session != null) {
            return Optional.of(session);
        }
        Optional<DmSession> read = sessions.findBySessionId(sessionId);
        read.ifPresent(found -> {
            if (known.size() >= CAPACITY) {
                known.clear();
            }
            known.put(sessionId, found);
        });
        return read;
    }
}
