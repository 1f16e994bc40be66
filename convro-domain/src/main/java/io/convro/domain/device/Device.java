package io.convro.domain.device;

import io.convro.domain.user.UserId;
import java.time.Instant;

/**
 * A device of a user. {@code tokenGeneration} grows each time the device's tokens are revoked
 * (logout of the device or the user, removal): access tokens carry it, so older ones stop working.
 */
public record Device(DeviceId id, UserId userId, Platform platform, DeviceLabel label, Instant createdAt,
                     Instant lastSeenAt, boolean active, long tokenGeneration) {
    /** At most this many active devices per account. */
    public static final int MAX_ACTIVE_PER_USER = 10;

    public static Device register(DeviceId id, UserId owner, Platform platform, DeviceLabel label, Instant now) {
        return new Device(id, owner, platform, label, now, null, true, 0);
    }

    public boolean belongsTo(UserId user) {
        return userId.equals(user);
    }

    public Device withDetails(Platform newPlatform, DeviceLabel newLabel) {
        return new Device(id, userId, newPlatform, newLabel, createdAt, lastSeenAt, active, tokenGeneration);
    }

    /** Removed (or revoked): inactive, and every token issued so far is void. */
    public Device removed() {
        return new Device(id, userId, platform, label, createdAt, lastSeenAt, false, tokenGeneration + 1);
    }

    public Device reactivated() {
        return new Device(id, userId, platform, label, createdAt, lastSeenAt, true, tokenGeneration);
    }

    public Device tokensRevoked() {
        return new Device(id, userId, platform, label, createdAt, lastSeenAt, active, tokenGeneration + 1);
    }

    public Device seenAt(Instant when) {
        return new Device(id, userId, platform, label, createdAt, when, active, tokenGeneration);
    }
}
