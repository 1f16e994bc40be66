package io.convro.application.sessions;

import io.convro.application.shared.BoundedCache;
import io.convro.application.shared.BoundedCaches;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import java.util.Optional;

/**
 * The sessions this node has read, by sessionId. Their ids, two users and two devices never change once stored; their
 * state only moves on (PENDING, ACTIVE, CLOSED). So a remembered copy is handed out only when its state can be at
 * most one step behind in a way the store catches: an ACTIVE copy may have been CLOSED since, which is why whoever
 * writes on the strength of it has the store check the state in the same step; a CLOSED copy is final. A PENDING
 * copy may have been accepted since, so it is never handed out: it is read again. Sessions are never deleted, so a
 * known session can only be missing, not wrong.
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

    /** The session with {@code sessionId} if this node remembers a copy it may hand out (never reads the store). */
    public Optional<DmSession> remembered(SessionId sessionId) {
        return Optional.ofNullable(known.get(sessionId)).filter(KnownSessions::settled);
    }

    /** The session with {@code sessionId}, read from the store unless {@link #remembered}; its state may be one step behind. */
    public Optional<DmSession> find(SessionId sessionId) {
        Optional<DmSession> remembered = remembered(sessionId);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<DmSession> read = sessions.findBySessionId(sessionId);
        read.ifPresent(this::remember);
        return read;
    }

    /** Remember {@code session} as it is now (read, or as the store found it when it refused a write). */
    public void remember(DmSession session) {
        known.put(session.sessionId(), session);
    }

    /** A copy whose state can be behind only by ACTIVE to CLOSED, which the store checks when it writes. */
    private static boolean settled(DmSession session) {
        return session.state() != SessionState.PENDING;
    }
}
