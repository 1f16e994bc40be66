package io.convro.adapter.inmemory;

import io.convro.contract.RepositoryContract;
import io.convro.contract.RepositoryStores;

/** The same repository contract that H2 and MariaDB pass, on the in-memory stores: the three behave alike. */
class InMemoryRepositoryContractTest extends RepositoryContract {
    @Override
    protected RepositoryStores stores() {
        InMemoryStores fresh = new InMemoryStores();
        return new RepositoryStores(fresh.users(), fresh.devices(), fresh.refreshTokens(), fresh.prekeys(), fresh.sessions(),
                fresh.messages(), fresh.groups(), fresh.numberSequence(), fresh.transactions(), fresh.expiredData(), () -> { });
    }
}
