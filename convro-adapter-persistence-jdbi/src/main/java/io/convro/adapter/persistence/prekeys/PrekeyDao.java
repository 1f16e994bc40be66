package io.convro.adapter.persistence.prekeys;

import io.convro.adapter.persistence.InLists;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(IdentityKeyRow.class)
@RegisterConstructorMapper(SignedPrekeyRow.class)
@RegisterConstructorMapper(OneTimePrekeyRow.class)
interface PrekeyDao {
    @SqlUpdate("INSERT INTO identity_keys (device_id, public_key, fingerprint, updated_at) "
            + "VALUES (:deviceId, :publicKey, :fingerprint, :at) "
            + "ON DUPLICATE KEY UPDATE public_key = :publicKey, fingerprint = :fingerprint, updated_at = :at")
    void saveIdentity(@Bind("deviceId") String deviceId, @Bind("publicKey") byte[] publicKey,
                      @Bind("fingerprint") String fingerprint, @Bind("at") long at);

    @SqlUpdate("INSERT INTO signed_prekeys (device_id, key_id, public_key, signature, updated_at) "
            + "VALUES (:deviceId, :keyId, :publicKey, :signature, :at) "
            + "ON DUPLICATE KEY UPDATE key_id = :keyId, public_key = :publicKey, signature = :signature, updated_at = :at")
    void saveSignedPrekey(@Bind("deviceId") String deviceId, @Bind("keyId") String keyId,
                          @Bind("publicKey") byte[] publicKey, @Bind("signature") byte[] signature, @Bind("at") long at);

    @SqlBatch("INSERT INTO one_time_prekeys (device_id, key_id, public_key, created_at) "
            + "VALUES (:deviceId, :keyId, :publicKey, :at)")
    int[] addOneTimePrekeys(@Bind("deviceId") String deviceId, @Bind("keyId") List<String> keyIds,
                            @Bind("publicKey") List<byte[]> publicKeys, @Bind("at") long at);

    @SqlQuery("SELECT key_id FROM one_time_prekeys WHERE device_id = :deviceId AND key_id IN (<keyIds>)")
    List<String> knownKeyIdsIn(@Bind("deviceId") String deviceId, @BindList("keyIds") Collection<String> keyIds);

    /** Which of {@code keyIds} the device has (an IN list of a few lengths only: see InLists). */
    default List<String> knownKeyIds(String deviceId, Collection<String> keyIds) {
        return knownKeyIdsIn(deviceId, InLists.padded(keyIds));
    }

    @SqlQuery("SELECT COUNT(*) FROM one_time_prekeys WHERE device_id = :deviceId AND consumed_at IS NULL")
    int countAvailable(@Bind("deviceId") String deviceId);

    @SqlQuery("SELECT public_key, fingerprint FROM identity_keys WHERE device_id = :deviceId")
    Optional<IdentityKeyRow> findIdentity(@Bind("deviceId") String deviceId);

    @SqlQuery("SELECT key_id, public_key, signature FROM signed_prekeys WHERE device_id = :deviceId")
    Optional<SignedPrekeyRow> findSignedPrekey(@Bind("deviceId") String deviceId);

    /** The oldest available key that no concurrent fetch holds: concurrent fetches take different rows. */
    @SqlQuery("SELECT id, key_id, public_key FROM one_time_prekeys WHERE device_id = :deviceId AND consumed_at IS NULL "
            + "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
    Optional<OneTimePrekeyRow> lockOldestUnheld(@Bind("deviceId") String deviceId);

    /** As above but waiting for a held row: used only when every available row was held by someone else. */
    @SqlQuery("SELECT id, key_id, public_key FROM one_time_prekeys WHERE device_id = :deviceId AND consumed_at IS NULL "
            + "ORDER BY id LIMIT 1 FOR UPDATE")
    Optional<OneTimePrekeyRow> lockOldest(@Bind("deviceId") String deviceId);

    /** The claim itself: a compare-and-set on consumed_at, so a key can be handed out only once. */
    @SqlUpdate("UPDATE one_time_prekeys SET consumed_at = :at WHERE id = :id AND consumed_at IS NULL")
    int claim(@Bind("id") long id, @Bind("at") long at);

    @SqlQuery("SELECT d.device_id FROM devices d "
            + "JOIN identity_keys i ON i.device_id = d.device_id "
            + "JOIN signed_prekeys s ON s.device_id = d.device_id "
            + "WHERE d.user_id = :userId AND d.active = TRUE ORDER BY d.created_at, d.id LIMIT 1")
    Optional<String> firstActiveDeviceWithPrekeys(@Bind("userId") long userId);

    @SqlUpdate("DELETE FROM identity_keys WHERE device_id = :deviceId")
    int deleteIdentity(@Bind("deviceId") String deviceId);

    @SqlUpdate("DELETE FROM signed_prekeys WHERE device_id = :deviceId")
    int deleteSignedPrekey(@Bind("deviceId") String deviceId);

    @SqlUpdate("DELETE FROM one_time_prekeys WHERE device_id = :deviceId")
    int deleteOneTimePrekeys(@Bind("deviceId") String deviceId);
}
