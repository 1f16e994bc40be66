package io.convro.application.groups;

import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.UserId;
import java.util.Collection;
import java.util.Map;

/** Checks that users named in a request exist, in one look-up. */
final class Existing {
    private Existing() {
    }

    /** {@code USER_NOT_FOUND} naming the first unknown user of {@code ids}; nothing is written before this check. */
    static void requireUsers(Users users, Collection<UserId> ids, String field) {
        if (ids.isEmpty()) {
            return;
        }
        Map<UserId, ?> found = users.findByIds(ids);
        for (UserId id : ids) {
            if (!found.containsKey(id)) {
                throw new DomainException(ErrorCode.USER_NOT_FOUND, "no user " + id, field);
            }
        }
    }
}
