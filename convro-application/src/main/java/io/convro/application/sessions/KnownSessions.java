package io.convro.application.sessions;

import io.convro.application.shared.BoundedCache;
import io.convro.application.shared.BoundedCaches;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionId;
import java.util.Optional;

/**
 * The sessions this node has read, by sessionId, for what never changes once a session is stored: its ids,
 * its two users and its two devices. The state does change (accepted, closed), so it must never be taken
 * from here: whoever writes on the strength of a known session has the store check the state in the same step.
 * Sessions are never deleted, so a known session can only be missing, not wrong.
 */
public final class KnownSessions {
    /** The most sessions remembered (beyond, some are forgotten: a re-read costs one look-up). */
    static final int CAPACITY = 50_000;
    /** Its name in the metrics. */
    public static final String CACHE_NAME = "known-sessions";

    private final Sessions sessions;
    private final BoundedCache<SessionId, DmSession> known;

    public KnownSessions(Sessions sessions, BoundedCaches caches) {
        this.sessions = sessions;
        this.known = caches.create(CACHE_NAME, CAPACITY);
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
        read.ifPresent(found -> known.put(sessionId, found));
        return read;
    }
}
