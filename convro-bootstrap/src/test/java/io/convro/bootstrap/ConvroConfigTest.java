package io.convro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvroConfigTest {
    @Test
    void noConfigurationAtAllRunsTheEmbeddedMode() {
        ConvroConfig config = ConvroConfig.from(Map.of());
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.socketIoPort()).isNull();
        assertThat(config.redisUrl()).isNull();
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.authRateLimit()).isEqualTo(30);
    }

    @Test
    void messageRetentionKeepsEverythingByDefaultAndTakesDaysHoursMinutesOrSeconds() {
        assertThat(ConvroConfig.from(Map.of()).messageRetention()).isEmpty();
        assertThat(ConvroConfig.from(Map.of("CONVRO_MESSAGE_RETENTION", "30d")).messageRetention()).contains(Duration.ofDays(30));
        assertThat(ConvroConfig.from(Map.of("CONVRO_MESSAGE_RETENTION", "12h")).messageRetention()).contains(Duration.ofHours(12));
        assertThat(ConvroConfig.from(Map.of("CONVRO_MESSAGE_RETENTION", "90m")).messageRetention()).contains(Duration.ofMinutes(90));
        assertThat(ConvroConfig.from(Map.of("CONVRO_MESSAGE_RETENTION", "45s")).messageRetention()).contains(Duration.ofSeconds(45));
        for (String wrong : new String[] {"0d", "30", "-1d", "1.5d", "30 days", "P30D", "d"}) {
            assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_MESSAGE_RETENTION", wrong)))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("CONVRO_MESSAGE_RETENTION")
                    .hasMessageContaining(wrong).hasMessageNotContaining("\n");
        }
    }

    @Test
    void theAuthRateLimitCanBeRaisedOrTurnedOff() {
        assertThat(ConvroConfig.from(Map.of("CONVRO_AUTH_RATE_LIMIT", "120")).authRateLimit()).isEqualTo(120);
        assertThat(ConvroConfig.from(Map.of("CONVRO_AUTH_RATE_LIMIT", "0")).authRateLimit()).isZero();
    }

    @Test
    void aSharedDatabaseNeedsAnExplicitJwtSecret() {
        assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_DB_URL", "jdbc:mysql://db/convro")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CONVRO_JWT_SECRET");
        ConvroConfig config = ConvroConfig.from(Map.of("CONVRO_DB_URL", "jdbc:mysql://db/convro",
                "CONVRO_JWT_SECRET", "s".repeat(32), "CONVRO_REDIS_URL", "redis://127.0.0.1:6379"));
        assertThat(config.embeddedDatabase()).isFalse();
        assertThat(config.jwtSecret()).hasSize(32);
    }

    @Test
    void wrongValuesFailWithOneLineNamingTheVariable() {
        assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CONVRO_HTTP_PORT").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_ACCESS_TOKEN_TTL", "-5")))
                .hasMessageStartingWith("CONVRO_ACCESS_TOKEN_TTL");
        assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_REDIS_URL", "localhost:6379")))
                .hasMessageStartingWith("CONVRO_REDIS_URL");
        assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_JWT_SECRET", "short")))
                .hasMessageStartingWith("CONVRO_JWT_SECRET");
        assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_DB_URL", "postgres://x")))
                .hasMessageStartingWith("CONVRO_DB_URL");
        for (String wrong : new String[] {"-1", "thirty", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_AUTH_RATE_LIMIT", wrong)))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("CONVRO_AUTH_RATE_LIMIT")
                    .hasMessageContaining(wrong).hasMessageNotContaining("\n");
        }
        for (String variable : new String[] {"CONVRO_HTTP_THREADS", "CONVRO_DB_POOL_SIZE"}) {
            for (String wrong : new String[] {"0", "1", "many", "5000"}) {
                assertThatThrownBy(() -> ConvroConfig.from(Map.of(variable, wrong)))
                        .isInstanceOf(ConfigException.class).hasMessageStartingWith(variable).hasMessageContaining(wrong);
            }
        }
    }

    @Test
    void passwordHashConcurrencyIsDerivedUnlessSet() {
        assertThat(ConvroConfig.from(Map.of()).passwordHashConcurrency()).as("0: derived from heap and cores").isZero();
        assertThat(ConvroConfig.from(Map.of("CONVRO_PASSWORD_HASH_CONCURRENCY", "3")).passwordHashConcurrency()).isEqualTo(3);
        for (String wrong : new String[] {"0", "-1", "two", "5000"}) {
            assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_PASSWORD_HASH_CONCURRENCY", wrong)))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("CONVRO_PASSWORD_HASH_CONCURRENCY")
                    .hasMessageContaining(wrong);
        }
    }

    @Test
    void everyAbuseLimitHasADefaultAndCanBeRaisedOrTurnedOff() {
        assertThat(ConvroConfig.from(Map.of()).limits()).isEqualTo(ConvroConfig.RateLimits.defaults());
        ConvroConfig set = ConvroConfig.from(Map.of("CONVRO_BUNDLE_RATE_LIMIT", "1", "CONVRO_RESOLVE_RATE_LIMIT", "2",
                "CONVRO_RESOLVE_ADDRESS_RATE_LIMIT", "3", "CONVRO_SESSION_OPEN_RATE_LIMIT", "4", "CONVRO_SEND_RATE_LIMIT", "0",
                "CONVRO_SOCKET_RATE_LIMIT", "6"));
        assertThat(set.limits()).isEqualTo(new ConvroConfig.RateLimits(1, 2, 3, 4, 0, 6));
        for (String variable : new String[] {"CONVRO_BUNDLE_RATE_LIMIT", "CONVRO_RESOLVE_RATE_LIMIT",
                "CONVRO_RESOLVE_ADDRESS_RATE_LIMIT", "CONVRO_SESSION_OPEN_RATE_LIMIT", "CONVRO_SEND_RATE_LIMIT",
                "CONVRO_SOCKET_RATE_LIMIT"}) {
            assertThatThrownBy(() -> ConvroConfig.from(Map.of(variable, "-2")))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith(variable).hasMessageContaining("-2");
        }
    }

    @Test
    void threadAndConnectionCountsDefaultToTheMachineAndCanBeSet() {
        ConvroConfig defaults = ConvroConfig.from(Map.of());
        assertThat(defaults.httpThreads()).isEqualTo(Math.max(16, 8 * Runtime.getRuntime().availableProcessors()));
        assertThat(defaults.dbPoolSize()).isEqualTo(10);
        ConvroConfig set = ConvroConfig.from(Map.of("CONVRO_HTTP_THREADS", "32", "CONVRO_DB_POOL_SIZE", "4"));
        assertThat(set.httpThreads()).isEqualTo(32);
        assertThat(set.dbPoolSize()).isEqualTo(4);
    }

    @Test
    void poolLifetimesDefaultToHalfAnHourAndTenMinutesAndRefuseLessThanHikariAllows() {
        ConvroConfig defaults = ConvroConfig.from(Map.of());
        assertThat(defaults.dbPoolMaxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.dbPoolIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
        ConvroConfig set = ConvroConfig.from(Map.of("CONVRO_DB_POOL_MAX_LIFETIME", "30", "CONVRO_DB_POOL_IDLE_TIMEOUT", "10"));
        assertThat(set.dbPoolMaxLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(set.dbPoolIdleTimeout()).isEqualTo(Duration.ofSeconds(10));
        for (String wrong : new String[] {"29", "0", "soon", "1.5"}) {
            assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_DB_POOL_MAX_LIFETIME", wrong)))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("CONVRO_DB_POOL_MAX_LIFETIME")
                    .hasMessageContaining(wrong).hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_DB_POOL_IDLE_TIMEOUT", "9")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CONVRO_DB_POOL_IDLE_TIMEOUT").hasMessageContaining("9");
    }

    @Test
    void edgeLimitsHaveDocumentedDefaultsAndCanBeSetOrTurnedOff() {
        assertThat(ConvroConfig.from(Map.of()).edge()).isEqualTo(new ConvroConfig.EdgeLimits(256, 256,
                Duration.ofSeconds(10), Duration.ofSeconds(10), 10_000));
        ConvroConfig set = ConvroConfig.from(Map.of("CONVRO_CONNECTIONS_PER_ADDRESS", "0",
                "CONVRO_PENDING_SOCKETS_PER_ADDRESS", "8", "CONVRO_SOCKET_AUTH_TIMEOUT", "3", "CONVRO_REQUEST_BODY_TIMEOUT", "30",
                "CONVRO_MAX_CONNECTIONS", "0"));
        assertThat(set.edge()).isEqualTo(new ConvroConfig.EdgeLimits(0, 8, Duration.ofSeconds(3), Duration.ofSeconds(30), 0));
        for (String variable : new String[] {"CONVRO_CONNECTIONS_PER_ADDRESS", "CONVRO_PENDING_SOCKETS_PER_ADDRESS",
                "CONVRO_SOCKET_AUTH_TIMEOUT", "CONVRO_REQUEST_BODY_TIMEOUT", "CONVRO_MAX_CONNECTIONS"}) {
            for (String wrong : new String[] {"-1", "many"}) {
                assertThatThrownBy(() -> ConvroConfig.from(Map.of(variable, wrong)))
                        .isInstanceOf(ConfigException.class).hasMessageStartingWith(variable).hasMessageContaining(wrong)
                        .hasMessageNotContaining("\n");
            }
        }
        assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_REQUEST_BODY_TIMEOUT", "0")))
                .hasMessageStartingWith("CONVRO_REQUEST_BODY_TIMEOUT");
    }

    @Test
    void corsOriginsAndTrustedProxiesAreCommaListsCheckedAtStart() {
        ConvroConfig none = ConvroConfig.from(Map.of());
        assertThat(none.corsOrigins()).isEmpty();
        assertThat(none.trustedProxies()).isEmpty();
        ConvroConfig set = ConvroConfig.from(Map.of("CONVRO_CORS_ORIGINS", " https://app.example.com,http://localhost:3000 ,",
                "CONVRO_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7,fd00::/8"));
        assertThat(set.corsOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(set.trustedProxies()).containsExactly("10.0.0.0/8", "192.0.2.7", "fd00::/8");
        for (String wrong : new String[] {"*", "app.example.com", "https://app.example.com/", "https://app.example.com/path"}) {
            assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_CORS_ORIGINS", wrong))).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("CONVRO_CORS_ORIGINS").hasMessageNotContaining("\n");
        }
        for (String wrong : new String[] {"10.0.0.0/33", "proxy.example.com", "10.0.0/8", "fd00::/129"}) {
            assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_TRUSTED_PROXIES", wrong))).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("CONVRO_TRUSTED_PROXIES").hasMessageContaining(wrong);
        }
    }

    @Test
    void aWrongDatabaseUrlNeverEchoesThePasswordInsideIt() {
        for (String url : new String[] {"mysql://root:hunter2secret@db:3306/convro", "postgres://db/convro?user=root&password=hunter2secret",
                "jdbc:postgresql://db/convro;password=hunter2secret;ssl=true"}) {
            assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_DB_URL", url))).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("CONVRO_DB_URL").hasMessageNotContaining("hunter2secret").hasMessageContaining("***");
        }
        assertThatThrownBy(() -> ConvroConfig.from(Map.of("CONVRO_REDIS_URL", "tcp://:hunter2secret@cache:6379")))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("hunter2secret");
    }

    @Test
    void theEffectiveSettingsNameEveryVariableAndMaskEverySecret() {
        String described = ConvroConfig.from(Map.of("CONVRO_DB_URL", "jdbc:mysql://db:3306/convro?user=app&password=hunter2secret",
                "CONVRO_DB_PASSWORD", "other-secret", "CONVRO_JWT_SECRET", "jwt-secret-".repeat(4),
                "CONVRO_REDIS_URL", "redis://:redis-secret@cache:6379", "CONVRO_TRUSTED_PROXIES", "10.0.0.0/8",
                "CONVRO_METRICS_TOKEN", "metrics-secret")).describe();
        assertThat(described).doesNotContain("hunter2secret", "other-secret", "jwt-secret-", "redis-secret", "metrics-secret")
                .contains("CONVRO_DB_URL=jdbc:mysql://db:3306/convro?user=app&password=***", "CONVRO_DB_PASSWORD=***",
                        "CONVRO_JWT_SECRET=***", "CONVRO_REDIS_URL=redis://:***@cache:6379", "CONVRO_TRUSTED_PROXIES=10.0.0.0/8",
                        "CONVRO_HTTP_PORT=8080", "CONVRO_SEND_RATE_LIMIT=1200", "CONVRO_METRICS_TOKEN=***", "CONVRO_LOG_FORMAT=text");
        assertThat(described).doesNotContain("\n");
    }
}
