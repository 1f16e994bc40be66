package io.convro.bootstrap;

import com.github.benmanes.caffeine.cache.Cache;
import com.sun.management.OperatingSystemMXBean;
import io.convro.adapter.socketio.RealtimeServer;
import io.convro.application.auth.BoundedPasswordHasher;
import io.convro.application.shared.BoundedCaches;
import io.convro.application.shared.RateLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;

/**
 * The node's meters, scraped at {@code GET /metrics} in the Prometheus text format: the JVM and process binders,
 * and the {@code convro.*} meters of what an operator of this server watches. The adapters keep their own counts
 * (framework-free where they live in the application); they are read here, when scraped, so the request and send
 * paths pay no more than an atomic increment. The list, with what each means: docs/operations.md.
 *
 * <p>One registry per node (a test JVM may run several), never Micrometer's global one.
 */
final class NodeMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    NodeMetrics() {
        // two of Micrometer's names fail Prometheus' own lint (promtool check metrics): a unit abbreviated (ns) and a
        // gauge ending in _count. The CPU time is offered in seconds instead, the CPU count under another name.
        registry.config().meterFilter(MeterFilter.deny(id -> "process.cpu.time".equals(id.getName())));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return "system.cpu.count".equals(id.getName()) ? id.withName("system.cpus") : id;
            }
        });
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os && os.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time the JVM process used").register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The body of {@code GET /metrics}. */
    String scrape() {
        return registry.scrape();
    }

    /** Caffeine caches whose hit rates are reported ({@code cache_gets_total{cache=…}}). */
    BoundedCaches caches() {
        return new CaffeineCaches(registry);
    }

    /** A cache an adapter keeps, reported as {@code name}. */
    void cache(String name, Cache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    /** {@code limiter}, its refusals counted by limit ({@code convro.rate.limit.refusals}). */
    RateLimiter metered(RateLimiter limiter) {
        return new MeteredRateLimiter(limiter, registry);
    }

    /** Argon2id hashes running, waiting for a slot, and refused ({@code 503}) because too many were. */
    void passwordHashing(BoundedPasswordHasher hasher) {
        Gauge.builder("convro.password.hashes.running", hasher, BoundedPasswordHasher::running).strongReference(true)
                .description("Password hashes (Argon2id) running now").register(registry);
        Gauge.builder("convro.password.hashes.waiting", hasher, BoundedPasswordHasher::waiting).strongReference(true)
                .description("Password checks waiting for a hashing slot now").register(registry);
        FunctionCounter.builder("convro.password.hashes.refused", hasher, BoundedPasswordHasher::refused)
                .description("Password checks refused (503) because every hashing slot and the wait were full")
                .register(registry);
    }

    /** What retention deleted: {@code convro_retention_purged_total{kind=messages|refresh_tokens|prekeys}}. */
    void retention(RetentionSchedule retention) {
        purged(retention, "messages", RetentionSchedule::purgedMessages);
        purged(retention, "refresh_tokens", RetentionSchedule::purgedRefreshTokens);
        purged(retention, "prekeys", RetentionSchedule::purgedPrekeys);
    }

    private void purged(RetentionSchedule retention, String kind, java.util.function.ToDoubleFunction<RetentionSchedule> count) {
        FunctionCounter.builder("convro.retention.purged", retention, count).tag("kind", kind)
                .description("Rows retention deleted: messages past CONVRO_MESSAGE_RETENTION (with their receipts), "
                        + "expired refresh tokens, handed-out one-time prekeys")
                .register(registry);
    }

    /** Sockets connected, and realtime events published and failed. */
    void realtime(RealtimeServer realtime) {
        Gauge.builder("convro.sockets.connected", realtime, RealtimeServer::connectedSockets).strongReference(true)
                .description("Socket.IO connections to this node now").register(registry);
        FunctionCounter.builder("convro.realtime.events.published", realtime, RealtimeServer::eventsPublished)
                .description("Realtime events published to devices (on this node, or through Redis on others)")
                .register(registry);
        FunctionCounter.builder("convro.realtime.events.failed", realtime, RealtimeServer::eventsFailed)
                .description("Realtime events that did not go out (refused here or lost on the way to Redis); "
                        + "devices catch up through history")
                .register(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
