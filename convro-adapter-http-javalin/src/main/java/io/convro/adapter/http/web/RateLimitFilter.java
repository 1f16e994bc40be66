package io.convro.adapter.http.web;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimitedException;
import io.convro.application.shared.RateLimiter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Objects;

/**
 * Before-handler of the routes limited per client address: one permit per request from the client's bucket for that
 * route ({@code login:203.0.113.7}), else {@code 429 RATE_LIMITED}. It runs before the body is read and before the
 * token is checked, so a refused request costs no JSON parsing, no Argon2 hash and no database read. A transport
 * concern: the key is the client address, which only the HTTP adapter knows.
 */
public final class RateLimitFilter {
    private final RateLimiter limiter;
    /** Path → what limits it. */
    private final Map<String, Rule> rules;
    private final ClientAddress clientAddress;

    /**
     * One limited route.
     *
     * @param method the method counted: another method on the path is a 405 that does no work worth limiting
     * @param bucket the name its buckets start with ({@code login})
     * @param limit  the budget of one address
     */
    public record Rule(HandlerType method, String bucket, RateLimit limit) {
        public Rule {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(limit, "limit");
        }
    }

    /** @param rules the limited paths, each with its rule ({@code /v1/auth/login → POST, login, 30/min}) */
    public RateLimitFilter(RateLimiter limiter, Map<String, Rule> rules) {
        this(limiter, rules, new ClientAddress(TrustedProxies.loopbackOnly()));
    }

    /** @param clientAddress whose word on the client's address counts ({@code X-Forwarded-For}) */
    public RateLimitFilter(RateLimiter limiter, Map<String, Rule> rules, ClientAddress clientAddress) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.rules = Map.copyOf(rules);
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
    }

    /** A before-handler for every request: a map look-up, not one path pattern per limited route. */
    public void handle(Context ctx) {
        if (rules.isEmpty()) {
            return;
        }
        Rule rule = rules.get(ctx.path());
        if (rule == null || !rule.method().equals(ctx.method())) {
            return;
        }
        limiter.tryAcquire(rule.bucket() + ":" + clientAddress.of(ctx), rule.limit())
                .ifPresent(wait -> {
                    throw new RateLimitedException(wait);
                });
    }
}
