package io.convro.adapter.persistence;

import io.convro.contract.RepositoryStores;
import java.util.List;

/** The JDBI repositories of a migrated {@link Database}, bundled for the repository contract. */
final class JdbiStores {
    /** Children before parents, so foreign keys never object; the number sequence keeps its row. */
    private static final List<String> TABLES = List.of("group_messages", "group_members", "`groups`", "message_receipts", "dm_messages", "dm_session_members",
            "dm_sessions", "one_time_prekeys", "signed_prekeys", "identity_keys", "refresh_tokens", "devices", "users");

    private JdbiStores() {
    }

    static RepositoryStores of(Database database) {
        JdbiRepositories r = database.repositories();
        return new RepositoryStores(r.users(), r.devices(), r.refreshTokens(), r.prekeys(), r.sessions(), r.messages(), r.groups(),
                r.numberSequence(), r.transactions(), r.expiredData(), () -> database.jdbi().useHandle(handle -> {
                    for (String table : TABLES) {
                        handle.execute("DELETE FROM " + table);
                    }
                }));
    }
}
