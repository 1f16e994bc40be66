package io.convro.adapter.persistence.devices;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(DeviceRow.class)
interface DeviceDao {
    String COLUMNS = "device_id, user_id, platform, label, created_at, last_seen_at, active, token_generation";

    @SqlUpdate("INSERT INTO devices (" + COLUMNS + ") VALUES "
            + "(:deviceId, :userId, :platform, :label, :createdAt, :lastSeenAt, :active, :tokenGeneration)")
    void insert(@BindMethods DeviceRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM devices WHERE device_id = :deviceId")
    Optional<DeviceRow> findById(@Bind("deviceId") String deviceId);

    @SqlQuery("SELECT " + COLUMNS + " FROM devices WHERE user_id = :userId ORDER BY created_at, id")
    List<DeviceRow> listByUser(@Bind("userId") long userId);

    @SqlQuery("SELECT COUNT(*) FROM devices WHERE user_id = :userId AND active = TRUE")
    int countActive(@Bind("userId") long userId);

    @SqlUpdate("UPDATE devices SET platform = :platform, label = :label, active = :active, "
            + "token_generation = :tokenGeneration, last_seen_at = :lastSeenAt WHERE device_id = :deviceId")
    int update(@BindMethods DeviceRow row);

    @SqlUpdate("UPDATE devices SET last_seen_at = :seenAt WHERE device_id = :deviceId")
    int touch(@Bind("deviceId") String deviceId, @Bind("seenAt") long seenAt);
}
