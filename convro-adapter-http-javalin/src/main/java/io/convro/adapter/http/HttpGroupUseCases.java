package io.convro.adapter.http;

import io.convro.application.groups.ChangeMembersUseCase;
import io.convro.application.groups.CreateGroupUseCase;
import io.convro.application.groups.GetGroupHistoryUseCase;
import io.convro.application.groups.GetGroupUseCase;
import io.convro.application.groups.ListGroupsUseCase;
import io.convro.application.groups.MarkGroupReadUseCase;
import io.convro.application.groups.PostGroupMessageUseCase;
import java.util.Objects;

/** The in-ports of the seven routes of groups and channels (API.md §10). */
public record HttpGroupUseCases(CreateGroupUseCase create, ListGroupsUseCase list, GetGroupUseCase get,
                                ChangeMembersUseCase changeMembers, PostGroupMessageUseCase post,
                                GetGroupHistoryUseCase history, MarkGroupReadUseCase markRead) {
    public HttpGroupUseCases {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(changeMembers, "changeMembers");
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(markRead, "markRead");
    }
}
