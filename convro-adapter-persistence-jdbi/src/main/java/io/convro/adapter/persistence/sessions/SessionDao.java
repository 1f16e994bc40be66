package io.convro.adapter.persistence.sessions;

import io.convro.adapter.persistence.InLists;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(SessionRow.class)
interface SessionDao {
    String COLUMNS = "s.id, s.session_id, s.initiator_user_id, s.initiator_device_id, s.responder_user_id, "
            + "s.responder_device_id, s.handshake_offer, s.state, s.created_at, s.accepted_at";

    @SqlUpdate("INSERT INTO dm_sessions (session_id, initiator_user_id, initiator_device_id, responder_user_id, "
            + "responder_device_id, handshake_offer, state, created_at, accepted_at) VALUES (:sessionId, :initiatorUserId, "
            + ":initiatorDeviceId, :responderUserId, :responderDeviceId, :handshakeOffer, :state, :createdAt, :acceptedAt)")
    @GetGeneratedKeys("id")
    long insert(@BindMethods SessionRow row);

    @SqlUpdate("INSERT INTO dm_session_members (session_db_id, device_id, role) VALUES (:sessionDbId, :deviceId, :role)")
    void insertMember(@Bind("sessionDbId") long sessionDbId, @Bind("deviceId") String deviceId, @Bind("role") String role);

    @SqlQuery("SELECT " + COLUMNS + " FROM dm_sessions s WHERE s.id = :id")
    Optional<SessionRow> findById(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM dm_sessions s WHERE s.session_id = :sessionId")
    Optional<SessionRow> findBySessionId(@Bind("sessionId") String sessionId);

    @SqlQuery("SELECT " + COLUMNS + " FROM dm_sessions s WHERE s.id IN (<ids>)")
    List<SessionRow> findByIdsIn(@BindList("ids") Collection<Long> ids);

    /** Sessions by database id (an IN list of a few lengths only: see InLists). */
    default List<SessionRow> findByIds(Collection<Long> ids) {
        return findByIdsIn(InLists.padded(ids));
    }

    // the PENDING sessions of one responder are few (PendingSessionLimits): ix_dm_sessions_responder finds them all
    @SqlQuery("SELECT " + COLUMNS + " FROM dm_sessions s WHERE s.responder_device_id = :deviceId AND s.state = 'PENDING' "
            + "AND s.id > :afterId ORDER BY s.id LIMIT :limit")
    List<SessionRow> listPendingFor(@Bind("deviceId") String deviceId, @Bind("afterId") long afterId, @Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM dm_sessions WHERE responder_device_id = :responder AND state = 'PENDING'")
    long countPendingFor(@Bind("responder") String responder);

    @SqlQuery("SELECT COUNT(*) FROM dm_sessions WHERE responder_device_id = :responder AND state = 'PENDING' "
            + "AND initiator_device_id = :initiator")
    long countPendingBetween(@Bind("initiator") String initiator, @Bind("responder") String responder);

    @SqlQuery("SELECT " + COLUMNS + " FROM dm_session_members m JOIN dm_sessions s ON s.id = m.session_db_id "
            + "WHERE m.device_id = :deviceId ORDER BY s.created_at, s.id")
    List<SessionRow> listOf(@Bind("deviceId") String deviceId);

    @SqlUpdate("UPDATE dm_sessions SET state = :state, accepted_at = :acceptedAt WHERE id = :id")
    int update(@BindMethods SessionRow row);

    @SqlUpdate("UPDATE dm_sessions SET state = 'CLOSED' WHERE state <> 'CLOSED' "
            + "AND id IN (SELECT session_db_id FROM dm_session_members WHERE device_id = :deviceId)")
    int closeAllOf(@Bind("deviceId") String deviceId);
}
