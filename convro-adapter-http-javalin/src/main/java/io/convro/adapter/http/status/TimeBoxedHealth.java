package io.convro.adapter.http.status;

import io.convro.adapter.http.HealthProbe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link HealthProbe} with a deadline. At most one probe runs at a time: while one hangs (a dead
 * database can block for minutes), later health checks wait on that same probe instead of piling up threads.
 */
public final class TimeBoxedHealth {
    private static final Logger LOG = LoggerFactory.getLogger(TimeBoxedHealth.class);
    private final HealthProbe probe;
    private final Duration deadline;
    private final Executor executor;
    private CompletableFuture<Boolean> inFlight;

    public TimeBoxedHealth(HealthProbe probe, Duration deadline) {
        this.probe = probe;
        this.deadline = deadline;
        this.executor = task -> {
            Thread thread = new Thread(task, "convro-health-probe");
            thread.setDaemon(true);
            thread.start();
        };
    }

    public boolean databaseUp() {
        CompletableFuture<Boolean> check = current();
        try {
            return check.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("database health probe did not answer within {} ms", deadline.toMillis());
            return false;
        } catch (ExecutionException e) {
            LOG.warn("database health probe failed: {}", e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized CompletableFuture<Boolean> current() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(probe::databaseUp, executor);
        }
        return inFlight;
    }
}
