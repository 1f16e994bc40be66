package io.convro.application.groups;

/** {@code POST /v1/groups/{groupId}/read}: moves the caller's read pointer forward only (it drives unreadCount). */
public interface MarkGroupReadUseCase {
    void markRead(MarkGroupReadCommand command);
}
