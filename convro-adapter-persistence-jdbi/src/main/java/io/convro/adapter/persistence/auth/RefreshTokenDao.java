package io.convro.adapter.persistence.auth;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(RefreshTokenRow.class)
interface RefreshTokenDao {
    String COLUMNS = "jti, user_id, device_id, token_hash, created_at, expires_at, revoked_at";

    @SqlUpdate("INSERT INTO refresh_tokens (" + COLUMNS + ") VALUES "
            + "(:jti, :userId, :deviceId, :tokenHash, :createdAt, :expiresAt, :revokedAt)")
    void insert(@BindMethods RefreshTokenRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM refresh_tokens WHERE jti = :jti")
    Optional<RefreshTokenRow> findByJti(@Bind("jti") String jti);

    /** The row lock makes this a compare-and-set: of concurrent callers exactly one sees a row count of 1. */
    @SqlUpdate("UPDATE refresh_tokens SET revoked_at = :at WHERE jti = :jti AND revoked_at IS NULL")
    int revokeIfActive(@Bind("jti") String jti, @Bind("at") long at);

    @SqlUpdate("UPDATE refresh_tokens SET revoked_at = :at WHERE device_id = :deviceId AND revoked_at IS NULL")
    int revokeAllForDevice(@Bind("deviceId") String deviceId, @Bind("at") long at);

    @SqlUpdate("UPDATE refresh_tokens SET revoked_at = :at WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeAllForUser(@Bind("userId") long userId, @Bind("at") long at);
}
