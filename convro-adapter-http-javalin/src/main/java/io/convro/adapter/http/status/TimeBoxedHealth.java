package io.convro.adapter.http.status;

import io.convro.adapter.http.HealthProbe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link HealthProbe} with a deadline counted from the probe's start. At most one probe runs at a time:
 * while one hangs (a dead database can block for minutes), later health checks share it instead of piling up
 * threads, and wait only for what is left of its deadline. So during an outage the first check of a probe waits the
 * deadline and every later one answers "down" at once, instead of each waiting the whole deadline again.
 */
public final class TimeBoxedHealth {
    private static final Logger LOG = LoggerFactory.getLogger(TimeBoxedHealth.class);
    private final HealthProbe probe;
    private final long deadlineNanos;
    private final Executor executor;
    private final LongSupplier nanoClock;
    private Probe inFlight;

    /** One run of the probe: when it started, its answer, and whether its overrun was logged. */
    private static final class Probe {
        final long startedNanos;
        final CompletableFuture<Boolean> up;
        boolean overrunLogged;

        Probe(long startedNanos, CompletableFuture<Boolean> up) {
            this.startedNanos = startedNanos;
            this.up = up;
        }
    }

    public TimeBoxedHealth(HealthProbe probe, Duration deadline) {
        this(probe, deadline, task -> {
            Thread thread = new Thread(task, "convro-health-probe");
            thread.setDaemon(true);
            thread.start();
        }, System::nanoTime);
    }

    TimeBoxedHealth(HealthProbe probe, Duration deadline, Executor executor, LongSupplier nanoClock) {
        this.probe = probe;
        this.deadlineNanos = deadline.toNanos();
        this.executor = executor;
        this.nanoClock = nanoClock;
    }

    /**
     * The same answer without waiting on the calling thread: it completes when the probe answers, or {@code false}
     * when the probe's deadline passes first. {@code /health} waits for no pool and no event loop this way.
     */
    public CompletableFuture<Boolean> databaseUpSoon() {
        Probe check = current();
        long left = deadlineNanos - (nanoClock.getAsLong() - check.startedNanos);
        if (left <= 0 && !check.up.isDone()) {
            overran(check);
            return CompletableFuture.completedFuture(false);
        }
        return check.up.copy().completeOnTimeout(null, Math.max(0, left), TimeUnit.NANOSECONDS).handle((up, failed) -> {
            if (failed != null) {
                LOG.warn("database health probe failed: {}", (failed.getCause() != null ? failed.getCause() : failed).toString());
                return false;
            }
            if (up == null) {
                overran(check);
                return false;
            }
            return up;
        });
    }

    /** {@link #databaseUpSoon()}, waited for on the calling thread. */
    public boolean databaseUp() {
        return databaseUpSoon().join();
    }

    private synchronized void overran(Probe check) {
        if (!check.overrunLogged) {
            check.overrunLogged = true;
            LOG.warn("database health probe did not answer within {} ms", TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
        }
    }

    private synchronized Probe current() {
        if (inFlight == null || inFlight.up.isDone()) {
            long started = nanoClock.getAsLong();
            inFlight = new Probe(started, CompletableFuture.supplyAsync(probe::databaseUp, executor));
        }
        return inFlight;
    }
}
