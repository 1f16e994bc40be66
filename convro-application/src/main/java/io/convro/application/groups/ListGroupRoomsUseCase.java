package io.convro.application.groups;

import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;
import java.util.List;

/** The group rooms a socket of {@code user} joins when it connects (the realtime adapter asks). */
public interface ListGroupRoomsUseCase {
    List<GroupId> roomsOf(UserId user);
}
