package io.convro.adapter.persistence;

import org.jdbi.v3.core.Jdbi;

/** {@link Handles} on any {@link Jdbi} (a test's own data source), committing as a server database does. */
public final class TestHandles {
    private TestHandles() {
    }

    public static Handles on(Jdbi jdbi) {
        return new Handles(jdbi, CommitDurability.AT_COMMIT, new DatabaseFailures());
    }
}
