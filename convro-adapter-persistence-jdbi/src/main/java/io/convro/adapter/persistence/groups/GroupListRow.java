package io.convro.adapter.persistence.groups;

/**
 * One of a user's groups as the group list reads it: the group, the user's standing, the member count, and the
 * newest message the user may see ({@code lastId}, {@code lastSenderUserId}, {@code lastAt} null when none).
 */
public record GroupListRow(String groupId, String kind, byte[] encryptedTitle, long createdAt, String role, long joinedAt,
                           Long readUpTo, int memberCount, Long lastId, Long lastSenderUserId, Long lastAt) {
}
