package io.convro.adapter.inmemory;

import io.convro.adapter.inmemory.auth.InMemoryRefreshTokens;
import io.convro.adapter.inmemory.devices.InMemoryDevices;
import io.convro.adapter.inmemory.groups.InMemoryGroups;
import io.convro.adapter.inmemory.messages.InMemoryMessages;
import io.convro.adapter.inmemory.prekeys.InMemoryPrekeys;
import io.convro.adapter.inmemory.retention.InMemoryExpiredData;
import io.convro.adapter.inmemory.sessions.InMemorySessions;
import io.convro.adapter.inmemory.shared.InMemoryTransactions;
import io.convro.adapter.inmemory.users.InMemoryNumberSequence;
import io.convro.adapter.inmemory.users.InMemoryUsers;

/**
 * A consistent set of in-memory repositories over one fresh {@link InMemoryDatabase}: one transaction
 * spans all of them, and foreign keys between them are checked. Create one per test (or per embedded server).
 */
public final class InMemoryStores {
    private final InMemoryDatabase database = new InMemoryDatabase();
    private final InMemoryUsers users = new InMemoryUsers(database);
    private final InMemoryDevices devices = new InMemoryDevices(database, users);
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens(database, users, devices);
    private final InMemoryPrekeys prekeys = new InMemoryPrekeys(database, devices);
    private final InMemorySessions sessions = new InMemorySessions(database, users, devices);
    private final InMemoryMessages messages = new InMemoryMessages(database, users, sessions);
    private final InMemoryGroups groups = new InMemoryGroups(database, users, devices);
    private final InMemoryNumberSequence numberSequence = new InMemoryNumberSequence(database);
    private final InMemoryTransactions transactions = new InMemoryTransactions(database);
    private final InMemoryExpiredData expiredData = new InMemoryExpiredData(messages, refreshTokens, prekeys, groups);

    public InMemoryDatabase database() {
        return database;
    }

    public InMemoryUsers users() {
        return users;
    }

    public InMemoryDevices devices() {
        return devices;
    }

    public InMemoryRefreshTokens refreshTokens() {
        return refreshTokens;
    }

    public InMemoryPrekeys prekeys() {
        return prekeys;
    }

    public InMemorySessions sessions() {
        return sessions;
    }

    public InMemoryMessages messages() {
        return messages;
    }

    public InMemoryGroups groups() {
        return groups;
    }

    public InMemoryNumberSequence numberSequence() {
        return numberSequence;
    }

    public InMemoryTransactions transactions() {
        return transactions;
    }

    public InMemoryExpiredData expiredData() {
        return expiredData;
    }
}
