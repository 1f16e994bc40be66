package io.convro.adapter.inmemory.sessions;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.Table;
import io.convro.adapter.inmemory.devices.InMemoryDevices;
import io.convro.adapter.inmemory.users.InMemoryUsers;
import io.convro.application.sessions.Sessions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.UserId;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code dm_sessions} table: ids from a sequence (not rolled back, like AUTO_INCREMENT), client
 * session ids unique across the server. As the schema does, it refuses with {@link IllegalStateException}
 * (a bug) a session whose users or devices are not stored, or whose two devices are one.
 */
public final class InMemorySessions implements Sessions {
    private final InMemoryDatabase database;
    private final InMemoryUsers users;
    private final InMemoryDevices devices;
    private final Table<SessionDbId, DmSession> sessions;
    private final Table<SessionId, SessionDbId> bySessionId;
    private final AtomicLong ids = new AtomicLong();

    public InMemorySessions(InMemoryDatabase database, InMemoryUsers users, InMemoryDevices devices) {
        this.database = Objects.requireNonNull(database);
        this.users = Objects.requireNonNull(users);
        this.devices = Objects.requireNonNull(devices);
        this.sessions = database.newTable("dm_sessions");
        this.bySessionId = database.newTable("dm_sessions.session_id");
    }

    /** {@inheritDoc} The id of {@code session}, if any, is ignored: the table assigns it. */
    @Override
    public DmSession insert(DmSession session) {
        return database.statement(() -> {
            if (bySessionId.contains(session.sessionId())) {
                throw new DomainException(ErrorCode.SESSION_ID_EXISTS, "that sessionId already exists", "handshakeOffer.sessionId");
            }
            if (session.initiatorDeviceId().equals(session.responderDeviceId())) {
                throw new IllegalStateException("check constraint: a session is between two different devices");
            }
            requireUser(session.initiatorUserId());
            requireUser(session.responderUserId());
            requireDevice(session.initiatorDeviceId());
            requireDevice(session.responderDeviceId());
            DmSession stored = session.withId(new SessionDbId(ids.incrementAndGet()));
            sessions.insert(stored.id(), stored);
            bySessionId.insert(stored.sessionId(), stored.id());
            return stored;
        });
    }

    @Override
    public Optional<DmSession> findById(SessionDbId id) {
        return database.statement(() -> sessions.find(id));
    }

    @Override
    public Optional<DmSession> findBySessionId(SessionId sessionId) {
        return database.statement(() -> bySessionId.find(sessionId).flatMap(sessions::find));
    }

    @Override
    public Map<SessionDbId, DmSession> findByIds(Collection<SessionDbId> ids) {
        return database.statement(() -> {
            Map<SessionDbId, DmSession> found = new HashMap<>();
            for (SessionDbId id : ids) {
                sessions.find(id).ifPresent(session -> found.put(id, session));
            }
            return Map.copyOf(found);
        });
    }

    @Override
    public List<DmSession> listPendingFor(DeviceId device, long afterId, int limit) {
        return database.statement(() -> {
            List<DmSession> pending = sessions.select(session -> session.state() == SessionState.PENDING
                    && session.responderDeviceId().equals(device) && session.id().value() > afterId);
            pending.sort(Comparator.comparing(session -> session.id().value()));
            return List.copyOf(pending.subList(0, Math.min(limit, pending.size())));
        });
    }

    @Override
    public long countPendingFor(DeviceId responder) {
        return database.statement(() -> sessions.select(session -> session.state() == SessionState.PENDING
                && session.responderDeviceId().equals(responder)).size());
    }

    @Override
    public long countPendingBetween(DeviceId initiator, DeviceId responder) {
        return database.statement(() -> sessions.select(session -> session.state() == SessionState.PENDING
                && session.initiatorDeviceId().equals(initiator) && session.responderDeviceId().equals(responder)).size());
    }

    /** {@inheritDoc} Oldest first; sessions created in the same millisecond in id order. */
    @Override
    public List<DmSession> listOf(DeviceId device) {
        return database.statement(() -> {
            List<DmSession> member = sessions.select(session -> session.hasMember(device));
            member.sort(Comparator.comparing(DmSession::createdAt)); // stable: id order among equals
            return List.copyOf(member);
        });
    }

    /** {@inheritDoc} Updating a session that was never stored is a bug: {@link IllegalStateException}. */
    @Override
    public void update(DmSession session) {
        database.execute(() -> {
            DmSession stored = sessions.find(session.id())
                    .orElseThrow(() -> new IllegalStateException("update of unknown session " + session.id()));
            sessions.update(stored.id(), new DmSession(stored.id(), stored.sessionId(), stored.initiatorUserId(),
                    stored.initiatorDeviceId(), stored.responderUserId(), stored.responderDeviceId(),
                    stored.handshakeOfferJson(), session.state(), stored.createdAt(), session.acceptedAt()));
        });
    }

    @Override
    public int closeAllOf(DeviceId device) {
        return database.statement(() -> {
            List<DmSession> open = sessions.select(session ->
                    session.hasMember(device) && session.state() != SessionState.CLOSED);
            for (DmSession session : open) {
                sessions.update(session.id(), session.closed());
            }
            return open.size();
        });
    }

    private void requireUser(UserId user) {
        if (users.findById(user).isEmpty()) {
            throw new IllegalStateException("foreign key: no user " + user + " for a session");
        }
    }

    private void requireDevice(DeviceId device) {
        if (devices.findById(device).isEmpty()) {
            throw new IllegalStateException("foreign key: no device " + device + " for a session");
        }
    }
}
