package io.convro.application.auth;

import io.convro.application.devices.Devices;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import java.time.Duration;
import java.time.Instant;
import io.convro.application.shared.BoundedWork;
import io.convro.domain.device.DeviceId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bearer-token authentication. Besides the signature and expiry, the token must belong to an active device
 * of its user whose token generation still equals the token's: logout and removal move the generation on,
 * which revokes every access token issued before, on every node (the state is in the store). The device is
 * read through {@link DeviceStandings}: at most once a second per device, and again at once after a revocation.
 * {@link #authenticateSoon} reads each device once however many of its requests wait for that read.
 */
public final class AuthenticateTokenService implements AuthenticateTokenUseCase {
    /** How stale {@code lastSeenAt} may get before a request writes it again. */
    static final Duration SEEN_RESOLUTION = Duration.ofMinutes(1);
    private final TokenService tokens;
    private final Devices devices;
    private final DeviceStandings standings;
    private final Clock clock;
    /** The reads under way for {@link #authenticateSoon}, one per device, shared by every request that waits for it. */
    private final ConcurrentMap<DeviceId, CompletableFuture<Device>> reads = new ConcurrentHashMap<>();

    public AuthenticateTokenService(TokenService tokens, Devices devices, DeviceStandings standings, Clock clock) {
        this.tokens = tokens;
        this.devices = devices;
        this.standings = standings;
        this.clock = clock;
    }

    @Override
    public Caller authenticate(String accessToken) {
        AccessGrant grant = tokens.verifyAccessToken(accessToken);
        Instant now = clock.now();
        Device device = standings.recent(grant.deviceId(), now).filter(recent -> admits(recent, grant))
                .or(() -> read(grant, now).filter(fresh -> admits(fresh, grant)))
                .orElseThrow(AuthenticateTokenService::revoked);
        if (seenIsDue(device, now)) {
            devices.touch(device.id(), now);
            standings.seen(device.id(), now);
        }
        return callerOf(grant);
    }

    @Override
    public Optional<Caller> authenticateWithoutWaiting(String accessToken) {
        AccessGrant grant = tokens.verifyAccessToken(accessToken);
        Instant now = clock.now();
        return standings.recent(grant.deviceId(), now)
                .filter(recent -> admits(recent, grant) && !seenIsDue(recent, now))
                .map(admitted -> callerOf(grant));
    }

    /**
     * After a restart every device needs a read at once, and each of its requests queued a read of its own: the
     * sends of a hundred devices filled the bounded queue in a second and were answered 503. Now the requests of one
     * device wait for one read, so the queue holds at most one entry per device.
     */
    @Override
    public CompletionStage<Caller> authenticateSoon(String accessToken, BoundedWork blocking) {
        AccessGrant grant;
        try {
            grant = tokens.verifyAccessToken(accessToken);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        Instant now = clock.now();
        if (standings.recent(grant.deviceId(), now).filter(recent -> admits(recent, grant) && !seenIsDue(recent, now))
                .isPresent()) {
            return CompletableFuture.completedFuture(callerOf(grant));
        }
        return sharedRead(grant, blocking).thenApply(device -> {
            if (!admits(device, grant)) {
                throw revoked();
            }
            return callerOf(grant);
        });
    }

    /** The device as the read under way finds it, or as a new read on {@code blocking} will. */
    private CompletableFuture<Device> sharedRead(AccessGrant grant, BoundedWork blocking) {
        CompletableFuture<Device> mine = new CompletableFuture<>();
        CompletableFuture<Device> underWay = reads.putIfAbsent(grant.deviceId(), mine);
        if (underWay != null) {
            return underWay;
        }
        blocking.supply(() -> readAndMarkSeen(grant)).whenComplete((device, failure) -> {
            reads.remove(grant.deviceId(), mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(device);
            }
        });
        return mine;
    }

    /** As {@link #authenticate} does for the request that started the read: its device, seen now if it is due. */
    private Device readAndMarkSeen(AccessGrant grant) {
        Instant now = clock.now();
        Device device = read(grant, now).orElseThrow(AuthenticateTokenService::revoked);
        if (admits(device, grant) && seenIsDue(device, now)) {
            devices.touch(device.id(), now);
            standings.seen(device.id(), now);
        }
        return device;
    }

    private static DomainException revoked() {
        return new DomainException(ErrorCode.TOKEN_REVOKED, "this token was revoked");
    }

    private static boolean seenIsDue(Device device, Instant now) {
        return device.lastSeenAt() == null || device.lastSeenAt().plus(SEEN_RESOLUTION).isBefore(now);
    }

    private static Caller callerOf(AccessGrant grant) {
        return new Caller(grant.userId(), grant.deviceId(), grant.convroNumber(), grant.username());
    }

    private Optional<Device> read(AccessGrant grant, Instant readStartedAt) {
        Optional<Device> found = devices.findById(grant.deviceId());
        found.ifPresent(device -> standings.remember(device, readStartedAt));
        return found;
    }

    private static boolean admits(Device device, AccessGrant grant) {
        return device.active() && device.belongsTo(grant.userId()) && device.tokenGeneration() == grant.tokenGeneration();
    }
}
