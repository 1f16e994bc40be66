package io.convro.bootstrap;

import io.convro.adapter.crypto.Argon2idPasswordHasher;
import io.convro.adapter.crypto.Ed25519SignatureVerifier;
import io.convro.adapter.crypto.JwtTokenService;
import io.convro.adapter.http.AddressRateLimits;
import io.convro.adapter.http.ConvroHttpApp;
import io.convro.adapter.http.HttpEdge;
import io.convro.adapter.http.HttpOperations;
import io.convro.adapter.http.HttpSettings;
import io.convro.adapter.http.validation.RequestValidator;
import io.convro.adapter.http.chain.Chain;
import io.convro.adapter.http.web.CorsPolicy;
import io.convro.adapter.http.web.TrustedProxies;
import io.convro.adapter.persistence.Database;
import io.convro.adapter.persistence.DatabaseSettings;
import io.convro.adapter.persistence.JdbiRepositories;
import io.convro.adapter.ratelimit.FailingOpenRateLimiter;
import io.convro.adapter.ratelimit.LocalRateLimiter;
import io.convro.adapter.ratelimit.RedisRateLimiter;
import io.convro.adapter.socketio.RealtimeServer;
import io.convro.adapter.socketio.RealtimeServerConfig;
import io.convro.adapter.socketio.SocketRateLimit;
import io.convro.application.ConvroApplication;
import io.convro.application.OutPorts;
import io.convro.application.auth.BoundedPasswordHasher;
import io.convro.application.retention.PurgeExpiredDataService;
import io.convro.application.retention.RetentionPolicy;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Clock;
import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import io.convro.application.shared.UsageLimits;
import io.convro.application.users.PermutedNumberAllocator;
import io.convro.edge.EdgeChannelInitializer;
import io.convro.edge.EdgeSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Convro node: the database (migrated on start), the use cases, the REST API and Socket.IO.
 *
 * <p>One public port by default: netty-socketio listens on {@code CONVRO_HTTP_PORT}, and the edge (convro-edge) in its
 * pipeline hands every request outside {@code /socket.io/} to the HTTP adapter's chain; no Jetty runs. With
 * {@code CONVRO_SOCKETIO_PORT} set, REST listens on {@code CONVRO_HTTP_PORT} (Javalin serving the same chain) and
 * Socket.IO on its own port, for load balancers that route by path.
 */
public final class ConvroServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConvroServer.class);
    /**
     * How long REST waits for requests in flight on SIGTERM. The whole stop (REST, sockets, the writer's last batch, the
     * database) stays under 5 s, well inside the 10 s an orchestrator waits before SIGKILL: a request is milliseconds,
     * and one still running after 3 s waits on a database in trouble.
     */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);

    private final ConvroConfig config;
    private Database database;
    /** REST in two-port mode: Javalin on its own port. */
    private Javalin http;
    /** REST in one-port mode: the chain behind the public port. */
    private RestOnThePublicPort publicRest;
    private RealtimeServer realtime;
    private RedisRateLimiter redisRateLimiter;
    /** The node's one Redis client (Socket.IO and rate limits), or {@code null} without Redis. */
    private RedissonClient redis;
    private ConvroApplication application;
    /** The send use case's threads: the node's, so the node stops them. */
    private BoundedWork sendWork;
    /** The REST chain's threads for blocking routes behind the public port: the node's, so the node stops them. */
    private BoundedWork restWork;
    private NodeMetrics metrics;
    private RetentionSchedule retention;
    private NodeHealth health;
    private int publicPort;
    private PortReservation httpReservation;
    private PortReservation socketIoReservation;

    public ConvroServer(ConvroConfig config) {
        this.config = config;
    }

    /** Connect, migrate and start listening; throws (after releasing what it opened) when anything fails. */
    public synchronized ConvroServer start() {
        try {
            startUnchecked();
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void startUnchecked() {
        Clock clock = () -> Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // the ports first: one another process holds is reported at once, before anything is created or migrated
        httpReservation = PortReservation.bind("CONVRO_HTTP_PORT", config.httpHost(), config.httpPort());
        if (config.socketIoPort() != null) {
            socketIoReservation = PortReservation.bind("CONVRO_SOCKETIO_PORT", config.httpHost(), config.socketIoPort());
        }
        if (config.embeddedDatabase()) {
            // before H2 writes a byte: the folder owner-only, and its database file created owner-only
            DataFolder.ownerOnlyFile(DataFolder.prepare(config.dataDir()).resolve(DatabaseSettings.EMBEDDED_FILE));
        }
        DatabaseSettings dbSettings = (config.embeddedDatabase() ? DatabaseSettings.embedded(config.dataDir())
                : DatabaseSettings.of(config.dbUrl(), config.dbUser(), config.dbPassword())).withPoolSize(config.dbPoolSize())
                .withConnectionLifetime(config.dbPoolMaxLifetime(), config.dbPoolIdleTimeout());
        // Startup on two cores: what does not need the database (the password hasher computes its dummy hash, the
        // HTTP app is assembled) runs while the pool connects and Flyway migrates; nothing listens before both are done.
        CompletableFuture<Argon2idPasswordHasher> hasher = inBackground("convro-start-hasher", Argon2idPasswordHasher::new);
        // Bean Validation's bootstrap is the slowest part of assembling the HTTP app: started here, ahead of time
        inBackground("convro-start-validation", () -> {
            RequestValidator.prepare();
            return null;
        });
        metrics = new NodeMetrics();
        database = connect(dbSettings);
        database.bindTo(metrics.registry());
        Database connected = database;
        CompletableFuture<Void> migrated = inBackground("convro-start-migrate", () -> {
            connected.migrate();
            return null;
        });
        JdbiRepositories stores = database.repositories();
        byte[] secret = config.jwtSecret() != null ? config.jwtSecret() : JwtSecrets.loadOrCreate(config.dataDir());

        Argon2idPasswordHasher argon2id = joined(hasher);
        int hashConcurrency = PasswordHashing.concurrency(config.passwordHashConcurrency(), argon2id);
        LOG.info("Password hashing: at most {} Argon2id hashes at once ({} MiB of heap each, {} MiB max heap)", hashConcurrency,
                argon2id.heapBytesPerHash() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        LateBoundRealtimePublisher publisher = new LateBoundRealtimePublisher();
        JwtTokenService tokens = new JwtTokenService(secret, JwtTokenService.DEFAULT_ISSUER, config.accessTokenTtl(), clock);
        metrics.cache("verified-tokens", tokens.verifiedTokens());
        URI redisUrl = config.redisUrl() == null ? null : URI.create(config.redisUrl());
        redis = redisUrl == null ? null : connectRedis(redisUrl);
        health = new NodeHealth(database, redis, () -> realtime);
        RateLimiter shared = sharedLimiter();
        // sends and sockets never wait for Redis: their budgets are this node's (see UsageLimits)
        LocalRateLimiter localBuckets = new LocalRateLimiter();
        metrics.cache("rate-limit-buckets", localBuckets.buckets());
        RateLimiter local = metrics.metered(localBuckets);
        ConvroConfig.RateLimits limits = config.limits();
        // the use cases' shared budgets are suspended, not errors, while Redis cannot answer: bundles and session opens
        // work through a Redis outage (the auth limits keep their own behaviour)
        UsageLimits usage = new UsageLimits(new FailingOpenRateLimiter(shared), local, new UsageLimits.Budgets(
                perHour(limits.bundleFetchesPerHour()), perMinute(limits.resolvesPerMinute()),
                perHour(limits.sessionOpensPerHour()), perMinute(limits.sendsPerMinute())));
        AddressRateLimits addressLimits = new AddressRateLimits(shared, perMinute(config.authRateLimit()),
                perMinute(limits.resolvesPerAddressPerMinute()));
        SocketRateLimit socketLimit = new SocketRateLimit(local, perMinute(limits.socketsPerMinute()));
        BoundedPasswordHasher passwordHasher = PasswordHashing.bounded(argon2id, hashConcurrency, config.httpThreads());
        metrics.passwordHashing(passwordHasher);
        // groupIds are drawn at random: a SecureRandom, so that no client can guess the next one
        OutPorts ports = new OutPorts(stores.users(), stores.devices(), stores.refreshTokens(),
                stores.prekeys(), stores.sessions(), stores.messages(), stores.groups(),
                new PermutedNumberAllocator(stores.numberSequence()), stores.transactions(), passwordHasher, tokens,
                new Ed25519SignatureVerifier(), publisher, clock, new SecureRandom());
        sendWork = SendWork.create();
        application = new ConvroApplication(ports, config.refreshTokenTtl(), usage, metrics.caches(), sendWork);

        database.description(); // asked once, now (the pool is up): /health shows it without asking again
        HttpEdge edge = new HttpEdge(CorsPolicy.of(config.corsOrigins()), TrustedProxies.of(config.trustedProxies()));
        HttpSettings httpSettings = new HttpSettings(Version.current(), clock.now(), clock, SHUTDOWN_GRACE, config.httpThreads(),
                config.edge().requestBodyTimeout());
        NodeMetrics meters = metrics;
        HttpOperations operations = new HttpOperations(meters.registry(), meters::scrape, config.operations().metricsToken());
        restWork = ConvroHttpApp.blockingWork(config.httpThreads());
        Chain chain = ConvroHttpApp.chain(application, health, httpSettings, addressLimits, operations, edge, restWork);
        if (config.socketIoPort() == null) {
            // one public port: the edge parses each request once and hands what is not Socket.IO to the chain
            publicRest = new RestOnThePublicPort(chain);
            joined(migrated);
            publicPort = httpReservation.port();
            RealtimeServerConfig socketConfig = configured(RealtimeServerConfig.singleNode(config.httpHost(), publicPort), redisUrl)
                    .withCorsOrigins(Set.copyOf(config.corsOrigins()));
            realtime = new RealtimeServer(socketConfig, application.authenticateToken(),
                    new EdgeChannelInitializer(EdgeSettings.of(publicRest).withBodyTimeout(config.edge().requestBodyTimeout())),
                    application.forgetRevokedDevice(), socketLimit, redis, application.groupRooms());
            releaseReservations();
            realtime.start();
            LOG.info("Convro {} listening on {}:{} (REST and Socket.IO on one port)", Version.current(), config.httpHost(), publicPort);
        } else {
            http = ConvroHttpApp.create(chain, httpSettings);
            joined(migrated);
            int socketPort = socketIoReservation.port();
            int httpPort = httpReservation.port();
            realtime = new RealtimeServer(configured(RealtimeServerConfig.singleNode(config.httpHost(), socketPort), redisUrl)
                    .withCorsOrigins(Set.copyOf(config.corsOrigins())),
                    application.authenticateToken(), null, application.forgetRevokedDevice(), socketLimit, redis, application.groupRooms());
            releaseReservations();
            realtime.start();
            http.start(config.httpHost(), httpPort);
            ConvroHttpApp.capConnectionsPerAddress(http, config.edge().connectionsPerAddress());
            ConvroHttpApp.capConnections(http, config.edge().maxConnections());
            publicPort = http.port();
            LOG.info("Convro {} listening: REST on {}:{}, Socket.IO on {}:{}", Version.current(), config.httpHost(), publicPort,
                    config.httpHost(), socketPort);
        }
        publisher.bind(realtime.publisher());
        metrics.realtime(realtime);
        retention = new RetentionSchedule(new PurgeExpiredDataService(stores.expiredData(), clock,
                RetentionPolicy.keepingMessages(config.messageRetention()))).start(RetentionSchedule.FIRST_RUN, RetentionSchedule.EVERY);
        metrics.retention(retention);
    }

    /** Run {@code work} on a thread of its own (a daemon: a failed start must not be held up by it). */
    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable failed) {
                result.completeExceptionally(failed);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** The result of background start-up work, its failure rethrown as it was thrown. */
    private static <T> T joined(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    /** The port clients use for REST (and, in one-port mode, for Socket.IO too). */
    public int port() {
        return publicPort;
    }

    /** The Socket.IO port: {@link #port()} unless the two-port mode is on. */
    public int socketIoPort() {
        return realtime.port();
    }

    public ConvroApplication application() {
        return application;
    }

    /**
     * Graceful stop: REST stops taking requests and finishes those in flight, then Socket.IO (and the public
     * port) closes, then the pool. Every request that was answered 2xx was committed before it was answered.
     */
    @Override
    public synchronized void close() {
        if (retention != null) {
            retention.close();
            retention = null;
        }
        releaseReservations();
        if (http != null) {
            try {
                ConvroHttpApp.stopGracefully(http, SHUTDOWN_GRACE);
            } catch (RuntimeException e) {
                LOG.warn("REST did not stop cleanly", e);
            }
            http = null;
        }
        if (publicRest != null) {
            publicRest.stopGracefully(SHUTDOWN_GRACE);
            publicRest = null;
        }
        if (realtime != null) {
            realtime.close();
            realtime = null;
        }
        if (restWork != null) {
            // after REST and Socket.IO: no request is taken any more
            restWork.close();
            restWork = null;
        }
        if (sendWork != null) {
            // after REST and Socket.IO: no send is taken any more; before the database: what runs still reads it
            sendWork.close();
            sendWork = null;
        }
        if (health != null) {
            health.close();
            health = null;
        }
        if (redisRateLimiter != null) {
            redisRateLimiter.close();
            redisRateLimiter = null;
        }
        if (redis != null) {
            // after everything that uses it: what the realtime server still publishes goes out first
            redis.shutdown();
            redis = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }

    /**
     * Where the budgets that must span nodes live (auth and look-ups per address, bundles, look-ups and opens per
     * caller): with several nodes every one must count against the same budget, so in Redis when it is there (on the
     * node's one client).
     */
    private RateLimiter sharedLimiter() {
        ConvroConfig.RateLimits limits = config.limits();
        boolean anyShared = config.authRateLimit() > 0 || limits.resolvesPerAddressPerMinute() > 0
                || limits.bundleFetchesPerHour() > 0 || limits.resolvesPerMinute() > 0 || limits.sessionOpensPerHour() > 0;
        if (redis == null || !anyShared) {
            LocalRateLimiter buckets = new LocalRateLimiter();
            metrics.cache("rate-limit-buckets-shared", buckets.buckets());
            return metrics.metered(buckets);
        }
        redisRateLimiter = RedisRateLimiter.on(redis);
        return metrics.metered(redisRateLimiter);
    }

    /** {@code permits} a minute; {@code 0} is no limit. */
    private static Optional<RateLimit> perMinute(int permits) {
        return permits == 0 ? Optional.empty() : Optional.of(RateLimit.perMinute(permits));
    }

    /** {@code permits} an hour; {@code 0} is no limit. */
    private static Optional<RateLimit> perHour(int permits) {
        return permits == 0 ? Optional.empty() : Optional.of(new RateLimit(permits, Duration.ofHours(1)));
    }

    /** The Socket.IO listener with the edge limits of the configuration, and Redis when configured. */
    private RealtimeServerConfig configured(RealtimeServerConfig socketConfig, URI redis) {
        ConvroConfig.EdgeLimits edge = config.edge();
        RealtimeServerConfig guarded = socketConfig.withGuard(new RealtimeServerConfig.Guard(edge.socketAuthTimeout(),
                edge.pendingSocketsPerAddress(), edge.connectionsPerAddress(), edge.maxConnections()));
        return redis == null ? guarded : guarded.withRedis(redis);
    }

    /** Just before the listeners bind the ports held since the start (netty-socketio binds the number it is given). */
    private void releaseReservations() {
        if (httpReservation != null) {
            httpReservation.close();
            httpReservation = null;
        }
        if (socketIoReservation != null) {
            socketIoReservation.close();
            socketIoReservation = null;
        }
    }

    /** The pool, connected; a database that cannot be reached is one line naming the variable, never a stack trace. */
    private Database connect(DatabaseSettings settings) {
        try {
            return Database.connect(settings);
        } catch (RuntimeException unreachable) {
            String variable = config.embeddedDatabase() ? "CONVRO_DATA_DIR" : "CONVRO_DB_URL";
            String where = config.embeddedDatabase() ? "the embedded database under " + config.dataDir()
                    : "the database at " + Secrets.maskUrl(config.dbUrl());
            throw new StartupFailure(variable + ": cannot connect to " + where + " (" + StartupFailure.reason(unreachable) + ")");
        }
    }

    private static RedissonClient connectRedis(URI url) {
        try {
            return NodeRedis.connect(url);
        } catch (RuntimeException unreachable) {
            throw new StartupFailure("CONVRO_REDIS_URL: cannot connect to Redis at " + url.getHost() + ":"
                    + (url.getPort() == -1 ? 6379 : url.getPort()) + " (" + StartupFailure.reason(unreachable) + ")");
        }
    }
}
