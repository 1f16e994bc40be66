package io.convro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.retention.ExpiredData;
import io.convro.application.retention.PurgeExpiredDataService;
import io.convro.application.retention.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What retention deleted shows in the node's metrics, by kind, counted over its runs. */
class RetentionMetricsTest {
    /** A store with 700 old messages, 3 expired tokens and 1 handed-out prekey: each call takes what it may. */
    private static final class Leftovers implements ExpiredData {
        int messages = 700;
        int tokens = 3;
        int prekeys = 1;

        @Override
        public int deleteMessagesBefore(Instant cutoff, int batch) {
            int deleted = Math.min(batch, messages);
            messages -= deleted;
            return deleted;
        }

        @Override
        public int deleteGroupMessagesBefore(Instant cutoff, int batch) {
            return 0;
        }

        @Override
        public int deleteRefreshTokensExpiredBefore(Instant cutoff, int batch) {
            int deleted = Math.min(batch, tokens);
            tokens -= deleted;
            return deleted;
        }

        @Override
        public int deletePrekeysConsumedBefore(Instant cutoff, int batch) {
            int deleted = Math.min(batch, prekeys);
            prekeys -= deleted;
            return deleted;
        }
    }

    @Test
    void eachRunsDeletionsAreAddedToTheCountersOfTheirKind() {
        Leftovers store = new Leftovers();
        RetentionSchedule schedule = new RetentionSchedule(new PurgeExpiredDataService(store,
                () -> Instant.parse("2026-12-06T10:00:00Z"), RetentionPolicy.keepingMessages(Optional.of(Duration.ofDays(30)))));
        try (NodeMetrics metrics = new NodeMetrics()) {
            metrics.retention(schedule);
            assertThat(metrics.scrape()).contains("convro_retention_purged_total{kind=\"messages\"} 0.0");

            schedule.runOnce();
            store.messages += 5;
            schedule.runOnce();

            assertThat(metrics.scrape())
                    .contains("convro_retention_purged_total{kind=\"messages\"} 705.0")
                    .contains("convro_retention_purged_total{kind=\"refresh_tokens\"} 3.0")
                    .contains("convro_retention_purged_total{kind=\"prekeys\"} 1.0");
        } finally {
            schedule.close();
        }
    }
}
