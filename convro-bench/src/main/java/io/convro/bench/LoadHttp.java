package io.convro.bench;

import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The soak's HTTP client: the JDK's, HTTP/1.1 on keep-alive connections, two threads of its own (the load must
 * cost the machine little). Open loop: a request is sent when its time comes, whatever the answers before it are
 * doing, so at most {@code maxInFlight} wait for an answer at once; beyond that a request is not sent and is
 * counted as such. Every answer is recorded in the {@link Timeline} under its route.
 */
final class LoadHttp {
    /** An answer: the status (or {@link Timeline#NO_CONNECTION} / {@link Timeline#TIMED_OUT}) and the body. */
    record Answer(int status, String body, long retryAfterSeconds) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final Answer NOT_SENT = new Answer(0, "", 0);

    private final Timeline timeline;
    private final Semaphore inFlight;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "soak-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();

    LoadHttp(Timeline timeline, int maxInFlight) {
        this.timeline = timeline;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Send unless too many are in flight; the answer is recorded under {@code route}. */
    CompletableFuture<Answer> send(String route, HttpRequest request) {
        if (!inFlight.tryAcquire()) {
            timeline.notSent(route);
            return CompletableFuture.completedFuture(NOT_SENT);
        }
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    inFlight.release();
                    long micros = (System.nanoTime() - sent) / 1_000;
                    Answer answer = response != null
                            ? new Answer(response.statusCode(), response.body(),
                                    response.headers().firstValueAsLong("Retry-After").orElse(-1))
                            : new Answer(timedOut(failure) ? Timeline.TIMED_OUT : Timeline.NO_CONNECTION, "", -1);
                    timeline.record(route, sent, answer.status(), micros, answer.body());
                    return answer;
                });
    }

    private static boolean timedOut(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException);
    }

    int inFlight(int maxInFlight) {
        return maxInFlight - inFlight.availablePermits();
    }
}
