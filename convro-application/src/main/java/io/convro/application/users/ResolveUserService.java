package io.convro.application.users;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.User;
import java.util.Optional;

/** Looks a user up by convro number or username; reveals no device. */
public final class ResolveUserService implements ResolveUserUseCase {
    private final Users users;

    public ResolveUserService(Users users) {
        this.users = users;
    }

    @Override
    public UserProfile resolve(ResolveUserQuery query) {
        Optional<User> user = query instanceof ResolveUserQuery.ByConvroNumber byNumber
                ? users.findByConvroNumber(byNumber.convroNumber())
                : users.findByUsername(((ResolveUserQuery.ByUsername) query).username());
        return user.map(UserProfile::of)
                .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "no such user"));
    }
}
