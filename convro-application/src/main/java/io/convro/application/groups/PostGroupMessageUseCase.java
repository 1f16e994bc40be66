package io.convro.application.groups;

/**
 * {@code POST /v1/groups/{groupId}/messages}: stores the message once and wakes every member device but the sending
 * one with one publish; idempotent per (group, sender device, clientMessageId).
 */
public interface PostGroupMessageUseCase {
    PostedGroupMessage post(PostGroupMessageCommand command);
}
