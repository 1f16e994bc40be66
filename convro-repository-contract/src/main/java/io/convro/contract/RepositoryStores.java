package io.convro.contract;

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
import java.util.Objects;

/**
 * One complete set of stores under test, all sharing {@code transactions}, and how to empty them.
 *
 * @param reset deletes every user, device, token, prekey, session, message, receipt and group (the number
 *              sequence may keep its counter and key: the contract only compares its values relative to
 *              each other)
 */
public record RepositoryStores(Users users, Devices devices, RefreshTokens refreshTokens, Prekeys prekeys,
                               Sessions sessions, Messages messages, GroupStore groups, NumberSequence numberSequence,
                               Transactions transactions, ExpiredData expiredData, Runnable reset) {
    public RepositoryStores {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        Objects.requireNonNull(prekeys, "prekeys");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(numberSequence, "numberSequence");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(expiredData, "expiredData");
        Objects.requireNonNull(reset, "reset");
    }
}
