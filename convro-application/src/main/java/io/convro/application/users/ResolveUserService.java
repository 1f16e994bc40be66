package io.convro.application.users;

import io.convro.application.shared.Caller;
import io.convro.application.shared.UsageLimits;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.User;
import java.util.Optional;

/**
 * Looks a user up by convro number or username; reveals no device. Look-ups are limited per user before the store
 * is asked, so that walking the number space costs an account time, hits and misses alike.
 */
public final class ResolveUserService implements ResolveUserUseCase {
    private final Users users;
    private final UsageLimits limits;

    public ResolveUserService(Users users, UsageLimits limits) {
        this.users = users;
        this.limits = limits;
    }

    @Override
    public UserProfile resolve(Caller caller, ResolveUserQuery query) {
        limits.checkResolve(caller.userId());
        Optional<User> user = query instanceof ResolveUserQuery.ByConvroNumber byNumber
                ? users.findByConvroNumber(byNumber.convroNumber())
                : users.findByUsername(((ResolveUserQuery.ByUsername) query).username());
        return user.map(UserProfile::of)
                .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "no such user"));
    }
}
