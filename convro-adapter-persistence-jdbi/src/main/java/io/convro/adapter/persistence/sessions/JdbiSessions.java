package io.convro.adapter.persistence.sessions;

import io.convro.adapter.persistence.Conflicts;
import io.convro.adapter.persistence.Handles;
import io.convro.application.sessions.Sessions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link Sessions} on {@code dm_sessions}. Each session also writes its two devices to
 * {@code dm_session_members}, which messages and receipts reference with foreign keys.
 */
public final class JdbiSessions implements Sessions {
    private final Handles handles;

    public JdbiSessions(Handles handles) {
        this.handles = handles;
    }

    @Override
    public DmSession insert(DmSession session) {
        SessionRow row = SessionRow.of(session);
        long id = Conflicts.translate(() -> handles.inTransaction(() -> handles.withDao(SessionDao.class, dao -> {
            long sessionDbId = dao.insert(row);
            dao.insertMember(sessionDbId, row.initiatorDeviceId(), "I");
            dao.insertMember(sessionDbId, row.responderDeviceId(), "R");
            return sessionDbId;
        })), Map.of("uq_dm_sessions_session_id", () -> new DomainException(ErrorCode.SESSION_ID_EXISTS,
                "sessionId is already in use", "handshakeOffer.sessionId")));
        return session.withId(new SessionDbId(id));
    }

    @Override
    public Optional<DmSession> findById(SessionDbId id) {
        return handles.withDao(SessionDao.class, dao -> dao.findById(id.value())).map(SessionRow::toDomain);
    }

    @Override
    public Optional<DmSession> findBySessionId(SessionId sessionId) {
        return handles.withDao(SessionDao.class, dao -> dao.findBySessionId(sessionId.value())).map(SessionRow::toDomain);
    }

    @Override
    public Map<SessionDbId, DmSession> findByIds(Collection<SessionDbId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Long> values = ids.stream().map(SessionDbId::value).distinct().toList();
        return handles.withDao(SessionDao.class, dao -> dao.findByIds(values)).stream()
                .map(SessionRow::toDomain).collect(Collectors.toMap(DmSession::id, Function.identity()));
    }

    @Override
    public List<DmSession> listPendingFor(DeviceId device, long afterId, int limit) {
        return handles.withDao(SessionDao.class, dao -> dao.listPendingFor(device.value(), afterId, limit)).stream()
                .map(SessionRow::toDomain).toList();
    }

    @Override
    public long countPendingFor(DeviceId responder) {
        return handles.withDao(SessionDao.class, dao -> dao.countPendingFor(responder.value()));
    }

    @Override
    public long countPendingBetween(DeviceId initiator, DeviceId responder) {
        return handles.withDao(SessionDao.class, dao -> dao.countPendingBetween(initiator.value(), responder.value()));
    }

    @Override
    public List<DmSession> listOf(DeviceId device) {
        return handles.withDao(SessionDao.class, dao -> dao.listOf(device.value())).stream()
                .map(SessionRow::toDomain).toList();
    }

    @Override
    public void update(DmSession session) {
        SessionRow row = SessionRow.of(session);
        handles.withDao(SessionDao.class, dao -> dao.update(row));
    }

    @Override
    public int closeAllOf(DeviceId device) {
        return handles.withDao(SessionDao.class, dao -> dao.closeAllOf(device.value()));
    }
}
