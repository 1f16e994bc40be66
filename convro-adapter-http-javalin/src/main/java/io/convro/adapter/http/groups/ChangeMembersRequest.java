package io.convro.adapter.http.groups;

import io.convro.application.groups.ChangeMembersCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupRole;
import io.convro.domain.group.MembershipChange;
import io.convro.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/groups/{groupId}/members}. A role that is not {@code OWNER|ADMIN|MEMBER} is
 * {@code INVALID_ROLE}; a key of {@code roles} that is no user id can name no member: {@code NOT_A_MEMBER}.
 */
record ChangeMembersRequest(List<Long> add, List<Long> remove, Map<String, String> roles) {

    ChangeMembersCommand toCommand(Caller caller, GroupId groupId) {
        Map<UserId, GroupRole> parsedRoles = new LinkedHashMap<>();
        if (roles != null) {
            for (Map.Entry<String, String> role : roles.entrySet()) {
                String field = "roles." + role.getKey();
                GroupRole parsed;
                try {
                    parsed = GroupRole.parse(role.getValue());
                } catch (DomainException invalid) {
                    throw invalid.forField(field);
                }
                parsedRoles.put(user(role.getKey(), field), parsed);
            }
        }
        MembershipChange change = new MembershipChange(new LinkedHashSet<>(GroupIds.users(add, "add")),
                new LinkedHashSet<>(GroupIds.users(remove, "remove")), parsedRoles);
        return new ChangeMembersCommand(caller, groupId, change);
    }

    private static UserId user(String key, String field) {
        try {
            long id = Long.parseLong(key.trim());
            if (id > 0) {
                return UserId.of(id);
            }
        } catch (NumberFormatException notANumber) {
            // falls through: no user has that id
        }
        throw new DomainException(ErrorCode.NOT_A_MEMBER, "a role must name a member by user id", field);
    }

    @Override
    public String toString() {
        return "ChangeMembersRequest[add=" + (add == null ? 0 : add.size()) + ", remove=" + (remove == null ? 0 : remove.size())
                + ", roles=" + (roles == null ? 0 : roles.size()) + "]";
    }
}
