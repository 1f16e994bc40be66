package io.convro.application.sessions;

import io.convro.domain.device.DeviceId;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Out-port: stored DM sessions. */
public interface Sessions {
    /** Store a new session and return it with its id; a sessionId already stored is {@code SESSION_ID_EXISTS}. */
    DmSession insert(DmSession session);

    Optional<DmSession> findById(SessionDbId id);

    Optional<DmSession> findBySessionId(SessionId sessionId);

    /** The sessions among {@code ids} that exist, in one look-up. */
    Map<SessionDbId, DmSession> findByIds(Collection<SessionDbId> ids);

    /**
     * PENDING sessions whose responder is {@code device} and whose id is greater than {@code afterId}, oldest (lowest
     * id) first, at most {@code limit}.
     */
    List<DmSession> listPendingFor(DeviceId device, long afterId, int limit);

    /** How many PENDING sessions wait for {@code responder}. */
    long countPendingFor(DeviceId responder);

    /** How many PENDING sessions {@code initiator} opened to {@code responder}. */
    long countPendingBetween(DeviceId initiator, DeviceId responder);

    /** Every session {@code device} is in (either side, any state). */
    List<DmSession> listOf(DeviceId device);

    /** Write the state and acceptance time of a stored session. */
    void update(DmSession session);

    /** Move every non-closed session of {@code device} to CLOSED; returns how many. */
    int closeAllOf(DeviceId device);
}
