package io.convro.application.shared;

import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The budgets of the use cases where abuse is cheap, each a token bucket per caller (and target) taken through the
 * {@link RateLimiter} port; beyond one, {@link RateLimitedException} ({@code 429} with {@code Retry-After}). An empty
 * budget is no limit. Every attempt counts, refused ones included.
 *
 * <p>Two limiters: {@code shared} holds the budgets that must span nodes (with Redis configured, every node grants
 * them once, not N times): bundles, look-ups, session opens. Sends are counted by {@code local}, this node's memory:
 * the send path must never wait for Redis (a send answers 201 through a Redis outage), its check must be cheap
 * enough for an event loop, and what it protects — this node's capacity — is per node. With N nodes behind a
 * balancer a device may thus send up to N times its budget; the budget is generous anyway.
 */
public final class UsageLimits {
    /** A stage nobody can complete otherwise ({@code completedStage}, unlike a completed future). */
    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    private final RateLimiter shared;
    private final RateLimiter local;
    private final Budgets budgets;

    /**
     * @param bundleFetches bundles one user may take of one target device
     * @param resolves      look-ups one user may make
     * @param sessionOpens  sessions one device may open
     * @param sends         messages one device may send
     */
    public record Budgets(Optional<RateLimit> bundleFetches, Optional<RateLimit> resolves,
                          Optional<RateLimit> sessionOpens, Optional<RateLimit> sends) {
        public Budgets {
            Objects.requireNonNull(bundleFetches, "bundleFetches");
            Objects.requireNonNull(resolves, "resolves");
            Objects.requireNonNull(sessionOpens, "sessionOpens");
            Objects.requireNonNull(sends, "sends");
        }

        /** No budget at all. */
        public static Budgets none() {
            return new Budgets(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public UsageLimits(RateLimiter shared, RateLimiter local, Budgets budgets) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.local = Objects.requireNonNull(local, "local");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
    }

    /** No limits (tests of other behaviour, a deployment that limits in front of Convro). */
    public static UsageLimits none() {
        RateLimiter unlimited = (bucket, limit) -> Optional.empty();
        return new UsageLimits(unlimited, unlimited, Budgets.none());
    }

    /** One bundle of {@code target} for {@code requester}: a burst must leave most of the target's one-time prekeys. */
    public void checkBundleFetch(UserId requester, DeviceId target) {
        check(shared, budgets.bundleFetches(), "bundle:" + requester.value() + ">" + target.value());
    }

    /** One look-up by {@code user}: walking the number space must take an account far longer than it is worth. */
    public void checkResolve(UserId user) {
        check(shared, budgets.resolves(), "resolve:" + user.value());
    }

    /** One session opened by {@code device}: each stores an offer and wakes the peer. */
    public void checkSessionOpen(DeviceId device) {
        check(shared, budgets.sessionOpens(), "open:" + device.value());
    }

    /**
     * One message sent by {@code device} through a blocking use case (a fan-out, a group message): the same budget and
     * node-local count as {@link #sendPermit}, one permit per request however many copies it stores; throws
     * {@link RateLimitedException} beyond it.
     */
    public void checkSend(DeviceId device) {
        check(local, budgets.sends(), "send:" + device.value());
    }

    /** One message sent by {@code device}, on this node; never blocks, never throws: the refusal is the stage's. */
    public CompletionStage<Void> sendPermit(DeviceId device) {
        if (budgets.sends().isEmpty()) {
            return DONE;
        }
        Optional<Duration> wait = local.tryAcquire("send:" + device.value(), budgets.sends().get());
        return wait.isEmpty() ? DONE : CompletableFuture.failedFuture(new RateLimitedException(wait.get()));
    }

    private static void check(RateLimiter limiter, Optional<RateLimit> budget, String bucket) {
        if (budget.isPresent()) {
            limiter.tryAcquire(bucket, budget.get()).ifPresent(wait -> {
                throw new RateLimitedException(wait);
            });
        }
    }
}
