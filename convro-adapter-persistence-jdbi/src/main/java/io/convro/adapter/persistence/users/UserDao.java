package io.convro.adapter.persistence.users;

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

@RegisterConstructorMapper(UserRow.class)
interface UserDao {
    String COLUMNS = "id, convro_number, username, username_canonical, full_name, password_hash, created_at";

    @SqlUpdate("INSERT INTO users (convro_number, username, username_canonical, full_name, password_hash, created_at) "
            + "VALUES (:convroNumber, :username, :usernameCanonical, :fullName, :passwordHash, :createdAt)")
    @GetGeneratedKeys("id")
    long insert(@BindMethods UserRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
    Optional<UserRow> findById(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE username_canonical = :canonical")
    Optional<UserRow> findByUsernameCanonical(@Bind("canonical") String canonical);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE convro_number = :number")
    Optional<UserRow> findByConvroNumber(@Bind("number") String number);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id IN (<ids>)")
    List<UserRow> findByIdsIn(@BindList("ids") Collection<Long> ids);

    /** Users by id (an IN list of a few lengths only: see InLists). */
    default List<UserRow> findByIds(Collection<Long> ids) {
        return findByIdsIn(InLists.padded(ids));
    }
}
