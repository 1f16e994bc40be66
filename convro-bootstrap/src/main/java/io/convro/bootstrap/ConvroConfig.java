package io.convro.bootstrap;

import io.convro.adapter.http.HttpSettings;
import io.convro.adapter.http.web.TrustedProxies;
import io.convro.adapter.persistence.DatabaseSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's configuration, read from environment variables. Every value has a default that runs the
 * embedded mode out of the box; a value that cannot be used fails with one clear line naming the variable.
 *
 * @param dbUrl      {@code null} for the embedded H2 database under {@code dataDir}
 * @param jwtSecret  {@code null} in embedded mode when not given: generated once and kept in {@code dataDir}
 * @param redisUrl   {@code null} for a single node
 * @param socketIoPort {@code null} for one public port (REST and Socket.IO on it, the edge); a port number for the
 *                   two-port mode, where Socket.IO listens there and REST on {@code httpPort}
 * @param authRateLimit requests a minute one client address may make to each of register, login and refresh;
 *                   {@code 0} turns the limit off
 * @param httpThreads  the most request threads (Jetty)
 * @param dbPoolSize   the most database connections
 * @param dbPoolMaxLifetime how long the pool keeps one database connection
 * @param dbPoolIdleTimeout how long a connection beyond the pool's minimum may sit unused
 * @param passwordHashConcurrency the most Argon2id hashes at once; {@code 0} derives it from the heap and cores
 * @param limits       the budgets of the routes where abuse is cheap ({@code 0} in any of them turns it off)
 * @param edge         what one client may hold of the listeners before it has proved anything
 * @param operations   what operators see: {@code GET /metrics}'s token and the log format
 * @param messageRetention how long ciphertext is kept ({@code CONVRO_MESSAGE_RETENTION}); empty keeps it forever
 * @param corsOrigins  the browser origins allowed to call the API and open sockets (none by default)
 * @param trustedProxies addresses and CIDR ranges whose {@code X-Forwarded-For} entries count (besides a loopback peer's)
 */
public record ConvroConfig(String httpHost, int httpPort, Integer socketIoPort, String dbUrl, String dbUser,
                           String dbPassword, byte[] jwtSecret, String redisUrl, Duration accessTokenTtl,
                           Duration refreshTokenTtl, Path dataDir, int authRateLimit, int httpThreads, int dbPoolSize,
                           Duration dbPoolMaxLifetime, Duration dbPoolIdleTimeout, int passwordHashConcurrency,
                           RateLimits limits, EdgeLimits edge, Operations operations,
                           Optional<Duration> messageRetention, List<String> corsOrigins,
                           List<String> trustedProxies) {
    public static final int MIN_JWT_SECRET_BYTES = 32;
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");
    /** Far above what a person typing a password needs, far below what guessing one would. */
    public static final int DEFAULT_AUTH_RATE_LIMIT = 30;

    /**
     * The budgets where abuse is cheap, each in requests per its period; {@code 0} turns one off.
     *
     * @param bundleFetchesPerHour    prekey bundles one user may take of one target device an hour
     * @param resolvesPerMinute       look-ups one user may make a minute
     * @param resolvesPerAddressPerMinute look-ups one client address may make a minute
     * @param sessionOpensPerHour     sessions one device may open an hour
     * @param sendsPerMinute          messages one device may send a minute
     * @param socketsPerMinute        sockets one device may open a minute
     */
    public record RateLimits(int bundleFetchesPerHour, int resolvesPerMinute, int resolvesPerAddressPerMinute,
                             int sessionOpensPerHour, int sendsPerMinute, int socketsPerMinute) {
        /** A few per target an hour, as Signal allows: a burst leaves most of a target's one-time prekeys. */
        public static final int DEFAULT_BUNDLE_FETCHES_PER_HOUR = 6;
        /** Adding contacts by hand; walking the 10^6 numbers at this rate takes one account 23 days. */
        public static final int DEFAULT_RESOLVES_PER_MINUTE = 30;
        /** Several users behind one address share it. */
        public static final int DEFAULT_RESOLVES_PER_ADDRESS_PER_MINUTE = 120;
        /** A new install starting sessions with its contacts; each open stores an offer and wakes the peer. */
        public static final int DEFAULT_SESSION_OPENS_PER_HOUR = 60;
        /** Twenty a second: no person chats that fast, and an outbox of a thousand goes out at once. */
        public static final int DEFAULT_SENDS_PER_MINUTE = 1_200;
        /** A reconnecting client, a few tabs: a socket every two seconds. */
        public static final int DEFAULT_SOCKETS_PER_MINUTE = 30;

        public static RateLimits defaults() {
            return new RateLimits(DEFAULT_BUNDLE_FETCHES_PER_HOUR, DEFAULT_RESOLVES_PER_MINUTE,
                    DEFAULT_RESOLVES_PER_ADDRESS_PER_MINUTE, DEFAULT_SESSION_OPENS_PER_HOUR, DEFAULT_SENDS_PER_MINUTE,
                    DEFAULT_SOCKETS_PER_MINUTE);
        }
    }

    /**
     * What one client may hold of the listeners before it has proved anything.
     *
     * @param connectionsPerAddress    TCP connections one client address may hold open ({@code 0}: no cap)
     * @param pendingSocketsPerAddress sockets one client address may have waiting for admission ({@code 0}: no cap)
     * @param socketAuthTimeout        how long a socket may take to be admitted before it is closed
     * @param requestBodyTimeout       how long a request's body may take to arrive once its head is there
     */
    public record EdgeLimits(int connectionsPerAddress, int pendingSocketsPerAddress, Duration socketAuthTimeout,
                             Duration requestBodyTimeout, int maxConnections) {
        /** Browsers open six per host; a shared (carrier-grade NAT) address holds many users. */
        public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 256;
        public static final int DEFAULT_PENDING_SOCKETS_PER_ADDRESS = 256;
        /** The admission check itself waits at most 5 s for the database. */
        public static final Duration DEFAULT_SOCKET_AUTH_TIMEOUT = Duration.ofSeconds(10);
        /** The largest body (128 KiB) at 13 KB/s; a body that takes longer is an attack or a dead link. */
        public static final Duration DEFAULT_REQUEST_BODY_TIMEOUT = Duration.ofSeconds(10);
        /**
         * Connections one node holds (sockets and REST, loopback included): the memory budget's 10,000 connections
         * (docs/memory-budget.md); a larger heap takes more. 5,000 until the heap grew to 256 MiB: in the soak
         * benchmark a restarted node met 2,050 returning sockets and 3,000 waiting requests at once, and the cap's
         * 503s kept it from counting as recovered for 15-25 s longer.
         */
        public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

        public static EdgeLimits defaults() {
            return new EdgeLimits(DEFAULT_CONNECTIONS_PER_ADDRESS, DEFAULT_PENDING_SOCKETS_PER_ADDRESS,
                    DEFAULT_SOCKET_AUTH_TIMEOUT, DEFAULT_REQUEST_BODY_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
        }
    }

    /**
     * What operators see of a node.
     *
     * @param metricsToken the bearer token {@code GET /metrics} requires ({@code CONVRO_METRICS_TOKEN}); {@code null}:
     *                     public
     * @param logFormat    {@code CONVRO_LOG_FORMAT}: {@code text} (the default) or {@code json}, one object a line
     */
    public record Operations(String metricsToken, LogFormat logFormat) {
        @Override
        public String toString() {
            return "metrics=" + (metricsToken == null ? "public" : "token") + ", logFormat=" + logFormat.name().toLowerCase(Locale.ROOT);
        }
    }

    public static ConvroConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static ConvroConfig from(Map<String, String> env) {
        String dbUrl = text(env, "CONVRO_DB_URL").orElse(null);
        if (dbUrl != null && !dbUrl.startsWith("jdbc:mysql:") && !dbUrl.startsWith("jdbc:mariadb:") && !dbUrl.startsWith("jdbc:h2:")) {
            // the URL may carry the database password: it is never printed
            throw new ConfigException("CONVRO_DB_URL must be a jdbc:mysql:, jdbc:mariadb: or jdbc:h2: URL, got \""
                    + Secrets.maskUrl(dbUrl) + "\"");
        }
        byte[] secret = text(env, "CONVRO_JWT_SECRET").map(value -> value.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (secret != null && secret.length < MIN_JWT_SECRET_BYTES) {
            throw new ConfigException("CONVRO_JWT_SECRET must be at least 32 bytes long");
        }
        if (secret == null && dbUrl != null && !dbUrl.startsWith("jdbc:h2:")) {
            throw new ConfigException("CONVRO_JWT_SECRET is required when CONVRO_DB_URL names a shared database (every node must sign alike)");
        }
        String redisUrl = text(env, "CONVRO_REDIS_URL").orElse(null);
        if (redisUrl != null) {
            checkRedisUrl(redisUrl);
        }
        Integer socketIoPort = text(env, "CONVRO_SOCKETIO_PORT").map(value -> port("CONVRO_SOCKETIO_PORT", value)).orElse(null);
        int httpPort = text(env, "CONVRO_HTTP_PORT").map(value -> port("CONVRO_HTTP_PORT", value)).orElse(8080);
        if (socketIoPort != null && socketIoPort == httpPort && httpPort != 0) {
            throw new ConfigException("CONVRO_SOCKETIO_PORT must differ from CONVRO_HTTP_PORT (leave it unset for one port)");
        }
        return new ConvroConfig(
                text(env, "CONVRO_HTTP_HOST").orElse("0.0.0.0"),
                httpPort,
                socketIoPort,
                dbUrl,
                text(env, "CONVRO_DB_USER").orElse(null),
                Optional.ofNullable(env.get("CONVRO_DB_PASSWORD")).orElse(null),
                secret,
                redisUrl,
                seconds(env, "CONVRO_ACCESS_TOKEN_TTL", 900),
                seconds(env, "CONVRO_REFRESH_TOKEN_TTL", 2_592_000),
                Path.of(text(env, "CONVRO_DATA_DIR").orElse("./data")),
                authRateLimit(env),
                count(env, "CONVRO_HTTP_THREADS", HttpSettings.defaultMaxThreads(), 8),
                count(env, "CONVRO_DB_POOL_SIZE", DatabaseSettings.DEFAULT_POOL_SIZE, 2),
                atLeast(env, "CONVRO_DB_POOL_MAX_LIFETIME", DatabaseSettings.DEFAULT_MAX_LIFETIME, DatabaseSettings.LEAST_MAX_LIFETIME),
                atLeast(env, "CONVRO_DB_POOL_IDLE_TIMEOUT", DatabaseSettings.DEFAULT_IDLE_TIMEOUT, DatabaseSettings.LEAST_IDLE_TIMEOUT),
                count(env, "CONVRO_PASSWORD_HASH_CONCURRENCY", 0, 1),
                new RateLimits(
                        budget(env, "CONVRO_BUNDLE_RATE_LIMIT", RateLimits.DEFAULT_BUNDLE_FETCHES_PER_HOUR, "an hour"),
                        budget(env, "CONVRO_RESOLVE_RATE_LIMIT", RateLimits.DEFAULT_RESOLVES_PER_MINUTE, "a minute"),
                        budget(env, "CONVRO_RESOLVE_ADDRESS_RATE_LIMIT", RateLimits.DEFAULT_RESOLVES_PER_ADDRESS_PER_MINUTE,
                                "a minute"),
                        budget(env, "CONVRO_SESSION_OPEN_RATE_LIMIT", RateLimits.DEFAULT_SESSION_OPENS_PER_HOUR, "an hour"),
                        budget(env, "CONVRO_SEND_RATE_LIMIT", RateLimits.DEFAULT_SENDS_PER_MINUTE, "a minute"),
                        budget(env, "CONVRO_SOCKET_RATE_LIMIT", RateLimits.DEFAULT_SOCKETS_PER_MINUTE, "a minute")),
                new EdgeLimits(
                        cap(env, "CONVRO_CONNECTIONS_PER_ADDRESS", EdgeLimits.DEFAULT_CONNECTIONS_PER_ADDRESS),
                        cap(env, "CONVRO_PENDING_SOCKETS_PER_ADDRESS", EdgeLimits.DEFAULT_PENDING_SOCKETS_PER_ADDRESS),
                        seconds(env, "CONVRO_SOCKET_AUTH_TIMEOUT", EdgeLimits.DEFAULT_SOCKET_AUTH_TIMEOUT.toSeconds()),
                        seconds(env, "CONVRO_REQUEST_BODY_TIMEOUT", EdgeLimits.DEFAULT_REQUEST_BODY_TIMEOUT.toSeconds()),
                        cap(env, "CONVRO_MAX_CONNECTIONS", EdgeLimits.DEFAULT_MAX_CONNECTIONS)),
                new Operations(text(env, "CONVRO_METRICS_TOKEN").orElse(null), logFormat(env)),
                text(env, "CONVRO_MESSAGE_RETENTION").map(value -> retention("CONVRO_MESSAGE_RETENTION", value)),
                corsOrigins(env),
                trustedProxies(env));
    }

    /** {@code https://app.example.com, http://localhost:3000}: origins as browsers send them (no path, no wildcard). */
    private static List<String> corsOrigins(Map<String, String> env) {
        List<String> origins = list(env, "CONVRO_CORS_ORIGINS");
        for (String origin : origins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new ConfigException("CONVRO_CORS_ORIGINS must list origins such as https://app.example.com"
                        + " (scheme, host and port only; no path, no *), got \"" + origin + "\"");
            }
        }
        return origins;
    }

    /** {@code 10.0.0.0/8, 192.0.2.7, fd00::/8}: the proxies in front of the server whose forwarded addresses count. */
    private static List<String> trustedProxies(Map<String, String> env) {
        List<String> proxies = list(env, "CONVRO_TRUSTED_PROXIES");
        try {
            TrustedProxies.of(proxies);
        } catch (IllegalArgumentException wrong) {
            throw new ConfigException("CONVRO_TRUSTED_PROXIES must list IP addresses or CIDR ranges: " + wrong.getMessage());
        }
        return proxies;
    }

    private static List<String> list(Map<String, String> env, String name) {
        return text(env, name).map(value -> Arrays.stream(value.split(",")).map(String::trim)
                .filter(entry -> !entry.isEmpty()).distinct().toList()).orElse(List.of());
    }

    public boolean embeddedDatabase() {
        return dbUrl == null;
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a port number 0..65535, got \"" + value + "\"");
    }

    /** A keep time: a whole number greater than 0 and a unit, {@code d}, {@code h}, {@code m} or {@code s} ({@code 30d}). */
    private static Duration retention(String name, String value) {
        Matcher parts = Pattern.compile("([0-9]{1,9})([dhms])").matcher(value);
        if (parts.matches() && Long.parseLong(parts.group(1)) > 0) {
            long amount = Long.parseLong(parts.group(1));
            return switch (parts.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        throw new ConfigException(name + " must be a whole number greater than 0 followed by d, h, m or s (e.g. 30d),"
                + " got \"" + value + "\"");
    }

    private static Duration seconds(Map<String, String> env, String name, long defaultSeconds) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return Duration.ofSeconds(defaultSeconds);
        }
        try {
            long seconds = Long.parseLong(value.get());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number of seconds greater than 0, got \"" + value.get() + "\"");
    }

    /** A whole number of seconds, at least {@code least} (the pool's own lower bounds). */
    private static Duration atLeast(Map<String, String> env, String name, Duration defaultValue, Duration least) {
        Duration value = seconds(env, name, defaultValue.toSeconds());
        if (value.compareTo(least) < 0) {
            throw new ConfigException(name + " must be at least " + least.toSeconds() + " seconds, got \"" + value.toSeconds() + "\"");
        }
        return value;
    }

    private static int authRateLimit(Map<String, String> env) {
        return budget(env, "CONVRO_AUTH_RATE_LIMIT", DEFAULT_AUTH_RATE_LIMIT, "per minute");
    }

    /** A rate limit's budget: a whole number of requests per {@code period}, {@code 0} turning it off. */
    private static int budget(Map<String, String> env, String name, int defaultValue, String period) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int permits = Integer.parseInt(value.get());
            if (permits >= 0) {
                return permits;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number of requests " + period + " (0 = off), got \""
                + value.get() + "\"");
    }

    /** A cap: a whole number, {@code 0} turning it off. */
    private static int cap(Map<String, String> env, String name, int defaultValue) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int cap = Integer.parseInt(value.get());
            if (cap >= 0) {
                return cap;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number (0 = no cap), got \"" + value.get() + "\"");
    }

    private static int count(Map<String, String> env, String name, int defaultValue, int least) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int count = Integer.parseInt(value.get());
            if (count >= least && count <= 1024) {
                return count;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number from " + least + " to 1024, got \"" + value.get() + "\"");
    }

    private static LogFormat logFormat(Map<String, String> env) {
        Optional<String> value = text(env, LogFormat.VARIABLE);
        return value.map(text -> LogFormat.parse(text).orElseThrow(() -> new ConfigException(
                LogFormat.VARIABLE + " must be text or json, got \"" + text + "\""))).orElse(LogFormat.TEXT);
    }

    private static void checkRedisUrl(String value) {
        try {
            URI uri = URI.create(value);
            if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ConfigException("CONVRO_REDIS_URL must look like redis://host:6379, got \"" + Secrets.maskUrl(value) + "\"");
    }

    /**
     * The effective settings, one {@code NAME=value} each, as the server runs with them (defaults included); every
     * secret masked: the database password (also inside the URL), the JWT secret, a Redis password.
     */
    public String describe() {
        List<String> settings = new java.util.ArrayList<>();
        settings.add("CONVRO_HTTP_HOST=" + httpHost);
        settings.add("CONVRO_HTTP_PORT=" + httpPort);
        settings.add("CONVRO_SOCKETIO_PORT=" + (socketIoPort == null ? "(one port)" : socketIoPort));
        settings.add("CONVRO_DB_URL=" + (dbUrl == null ? "(embedded H2 under CONVRO_DATA_DIR)" : Secrets.maskUrl(dbUrl)));
        settings.add("CONVRO_DB_USER=" + (dbUser == null ? "(unset)" : dbUser));
        settings.add("CONVRO_DB_PASSWORD=" + (dbPassword == null ? "(unset)" : Secrets.MASK));
        settings.add("CONVRO_JWT_SECRET=" + (jwtSecret == null ? "(generated into CONVRO_DATA_DIR)" : Secrets.MASK));
        settings.add("CONVRO_REDIS_URL=" + (redisUrl == null ? "(unset: one node)" : Secrets.maskUrl(redisUrl)));
        settings.add("CONVRO_DATA_DIR=" + dataDir);
        settings.add("CONVRO_ACCESS_TOKEN_TTL=" + accessTokenTtl.toSeconds());
        settings.add("CONVRO_REFRESH_TOKEN_TTL=" + refreshTokenTtl.toSeconds());
        settings.add("CONVRO_AUTH_RATE_LIMIT=" + authRateLimit);
        settings.add("CONVRO_RESOLVE_RATE_LIMIT=" + limits.resolvesPerMinute());
        settings.add("CONVRO_RESOLVE_ADDRESS_RATE_LIMIT=" + limits.resolvesPerAddressPerMinute());
        settings.add("CONVRO_BUNDLE_RATE_LIMIT=" + limits.bundleFetchesPerHour());
        settings.add("CONVRO_SESSION_OPEN_RATE_LIMIT=" + limits.sessionOpensPerHour());
        settings.add("CONVRO_SEND_RATE_LIMIT=" + limits.sendsPerMinute());
        settings.add("CONVRO_SOCKET_RATE_LIMIT=" + limits.socketsPerMinute());
        settings.add("CONVRO_PASSWORD_HASH_CONCURRENCY=" + (passwordHashConcurrency == 0 ? "(from heap and cores)" : passwordHashConcurrency));
        settings.add("CONVRO_HTTP_THREADS=" + httpThreads);
        settings.add("CONVRO_DB_POOL_SIZE=" + dbPoolSize);
        settings.add("CONVRO_DB_POOL_MAX_LIFETIME=" + dbPoolMaxLifetime.toSeconds());
        settings.add("CONVRO_DB_POOL_IDLE_TIMEOUT=" + dbPoolIdleTimeout.toSeconds());
        settings.add("CONVRO_METRICS_TOKEN=" + (operations.metricsToken() == null ? "(unset: /metrics is public)" : Secrets.MASK));
        settings.add("CONVRO_LOG_FORMAT=" + operations.logFormat().name().toLowerCase(Locale.ROOT));
        settings.add("CONVRO_CORS_ORIGINS=" + (corsOrigins.isEmpty() ? "(none)" : String.join(",", corsOrigins)));
        settings.add("CONVRO_TRUSTED_PROXIES=" + (trustedProxies.isEmpty() ? "(none)" : String.join(",", trustedProxies)));
        return String.join(" ", settings);
    }

    @Override
    public String toString() {
        return "ConvroConfig[httpPort=" + httpPort + ", socketIoPort=" + socketIoPort + ", db="
                + (dbUrl == null ? "embedded" : "external") + ", redis=" + (redisUrl != null) + ", dataDir=" + dataDir
                + ", authRateLimit=" + authRateLimit + "/min, httpThreads=" + httpThreads + ", dbPoolSize=" + dbPoolSize
                + ", dbPoolMaxLifetime=" + dbPoolMaxLifetime.toSeconds() + "s, dbPoolIdleTimeout=" + dbPoolIdleTimeout.toSeconds() + "s"
                + ", passwordHashConcurrency=" + (passwordHashConcurrency == 0 ? "derived" : passwordHashConcurrency)
                + ", " + limits + ", " + edge + ", " + operations + "]";
    }
}
