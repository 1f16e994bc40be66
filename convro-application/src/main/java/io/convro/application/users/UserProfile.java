package io.convro.application.users;

import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.FullName;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;

/** What others may see of a user (no device ids). {@code username} and {@code fullName} may be null. */
public record UserProfile(UserId userId, ConvroNumber convroNumber, Username username, FullName fullName) {
    public static UserProfile of(User user) {
        return new UserProfile(user.id(), user.convroNumber(), user.username(), user.fullName());
    }
}
