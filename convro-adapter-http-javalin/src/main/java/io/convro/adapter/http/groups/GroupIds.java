package io.convro.adapter.http.groups;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;

/** User ids of a group request's lists: an id that is no positive number names no user ({@code USER_NOT_FOUND}). */
final class GroupIds {
    private GroupIds() {
    }

    static List<UserId> users(List<Long> ids, String field) {
        if (ids == null) {
            return List.of();
        }
        List<UserId> users = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null || id <= 0) {
                throw new DomainException(ErrorCode.USER_NOT_FOUND, field + " must hold user ids", field + "[" + i + "]");
            }
            users.add(UserId.of(id));
        }
        return users;
    }
}
