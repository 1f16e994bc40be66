package io.convro.adapter.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import io.convro.adapter.persistence.auth.JdbiRefreshTokens;
import io.convro.adapter.persistence.devices.JdbiDevices;
import io.convro.adapter.persistence.groups.JdbiGroups;
import io.convro.adapter.persistence.messages.JdbiMessages;
import io.convro.adapter.persistence.prekeys.JdbiPrekeys;
import io.convro.adapter.persistence.retention.JdbiExpiredData;
import io.convro.adapter.persistence.sessions.JdbiSessions;
import io.convro.adapter.persistence.users.JdbiNumberSequence;
import io.convro.adapter.persistence.users.JdbiUsers;
import io.convro.application.auth.RefreshTokens;
import io.convro.application.devices.Devices;
import io.convro.application.groups.GroupStore;
import io.convro.application.messages.Messages;
import io.convro.application.prekeys.Prekeys;
import io.convro.application.retention.ExpiredData;
import io.convro.application.sessions.Sessions;
import io.convro.application.shared.Transactions;
import io.convro.application.users.NumberSequence;
import io.convro.application.users.Users;
import org.jdbi.v3.core.Jdbi;

/**
 * Every persistence out-port on one {@link Jdbi}, sharing one {@link Transactions}: what the bootstrap
 * wires into the use cases.
 */
public final class JdbiRepositories implements AutoCloseable {
    private final Transactions transactions;
    private final Users users;
    private final NumberSequence numberSequence;
    private final Devices devices;
    private final RefreshTokens refreshTokens;
    private final Prekeys prekeys;
    private final Sessions sessions;
    private final JdbiMessages messages;
    private final GroupStore groups;
    private final ExpiredData expiredData;

    JdbiRepositories(Jdbi jdbi, CommitDurability durability, DatabaseFailures failures) {
        Handles handles = new Handles(jdbi, durability, failures);
        this.transactions = new JdbiTransactions(handles);
        this.users = new JdbiUsers(handles);
        this.numberSequence = new JdbiNumberSequence(handles);
        this.devices = new JdbiDevices(handles);
        this.refreshTokens = new JdbiRefreshTokens(handles);
        this.prekeys = new JdbiPrekeys(handles);
        this.sessions = new JdbiSessions(handles);
        this.messages = new JdbiMessages(handles);
        this.groups = new JdbiGroups(handles);
        this.expiredData = new JdbiExpiredData(handles);
    }

    /** The persistence meters (the send path's group commit). */
    public void bindTo(MeterRegistry registry) {
        messages.bindTo(registry);
    }

    public Transactions transactions() {
        return transactions;
    }

    public Users users() {
        return users;
    }

    public NumberSequence numberSequence() {
        return numberSequence;
    }

    public Devices devices() {
        return devices;
    }

    public RefreshTokens refreshTokens() {
        return refreshTokens;
    }

    public Prekeys prekeys() {
        return prekeys;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Messages messages() {
        return messages;
    }

    /** Groups and channels: their members, messages and read pointers. */
    public GroupStore groups() {
        return groups;
    }

    /** Retention's deletes (see {@link JdbiExpiredData}). */
    public ExpiredData expiredData() {
        return expiredData;
    }

    /** Finish the writes the repositories still have queued (the send path's group commit). */
    @Override
    public void close() {
        messages.close();
    }
}
