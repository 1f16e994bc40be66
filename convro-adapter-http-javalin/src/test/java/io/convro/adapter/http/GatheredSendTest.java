package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.Chain;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.RouteTable;
import io.convro.adapter.http.messages.MessageRoutes;
import io.convro.adapter.http.validation.RequestValidator;
import io.convro.adapter.http.web.ClientAddress;
import io.convro.adapter.http.web.CorsPolicy;
import io.convro.adapter.http.web.ErrorMapper;
import io.convro.adapter.http.web.TrustedProxies;
import io.convro.adapter.http.web.Json;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.adapter.http.web.ServedRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.convro.application.ConvroUseCases;
import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.messages.SendMessageCommand;
import io.convro.application.messages.SentMessage;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.message.DeliveryState;
import io.convro.domain.message.MessageId;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The send route answered through the chain straight from a parsed request (as the one-port relay asks it) answers
 * exactly as the Javalin route does, never waits on the calling thread, and stops cleanly.
 */
class GatheredSendTest {
    private static final String TOKEN = "known-token";
    private static final String UNREAD_TOKEN = "unread-token";
    private static final String SLOW_TOKEN = "slow-token";
    private static final Caller CALLER = new Caller(UserId.of(1), DeviceId.parse("aaaaaaaaaaaaaaaa"), null, null);
    private static final Instant T0 = Instant.parse("2026-11-25T14:10:54.120Z");
    private static final String TAG = Base64.getEncoder().encodeToString(new byte[16]);
    private static final String BODY = "{\"sessionId\":\"%s\",\"recipientDeviceId\":\"bbbbbbbbbbbbbbbb\","
            + "\"clientMessageId\":\"%s\",\"ciphertext\":\"AQID\",\"authTag\":\"" + TAG + "\"}";

    private final ObjectMapper mapper = Json.strictMapper();
    private final AtomicInteger blockingCalls = new AtomicInteger();
    private final AtomicInteger authenticateCalls = new AtomicInteger();
    private final List<CompletableFuture<SentMessage>> held = new ArrayList<>();
    private volatile boolean hold;
    private Javalin javalin;

    private final AuthenticateTokenUseCase authenticate = new AuthenticateTokenUseCase() {
        @Override
        public Caller authenticate(String accessToken) {
            authenticateCalls.incrementAndGet();
            if (Thread.currentThread().getName().startsWith("test-token-check")) {
                blockingCalls.incrementAndGet();
            }
            if (SLOW_TOKEN.equals(accessToken)) {
                try {
                    slowTokenChecked.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CALLER;
            }
            if (TOKEN.equals(accessToken) || UNREAD_TOKEN.equals(accessToken)) {
                return CALLER;
            }
            throw new DomainException(ErrorCode.UNAUTHORIZED, "bad token");
        }

        @Override
        public Optional<Caller> authenticateWithoutWaiting(String accessToken) {
            if (TOKEN.equals(accessToken)) {
                return Optional.of(CALLER);
            }
            if (UNREAD_TOKEN.equals(accessToken) || SLOW_TOKEN.equals(accessToken)) {
                return Optional.empty();
            }
            throw new DomainException(ErrorCode.UNAUTHORIZED, "bad token");
        }
    };

    private CompletionStage<SentMessage> send(SendMessageCommand command) {
        if (command.sessionId().value().equals("deadbeef")) {
            return CompletableFuture.failedFuture(new DomainException(ErrorCode.SESSION_NOT_ACTIVE, "the session is CLOSED"));
        }
        if (command.sessionId().value().equals("0000dead")) {
            return CompletableFuture.failedFuture(new IllegalStateException("a bug"));
        }
        SentMessage sent = new SentMessage(MessageId.of(123), T0, DeliveryState.PENDING,
                !command.clientMessageId().value().equals("dup"));
        if (hold) {
            CompletableFuture<SentMessage> later = new CompletableFuture<>();
            held.add(later);
            return later.thenApply(ignored -> sent); // completed by the test
        }
        return CompletableFuture.completedFuture(sent);
    }

    private final BoundedWork blocking = new BoundedWork("test-token-check", 1, 1, Duration.ofSeconds(30));
    private final CountDownLatch slowTokenChecked = new CountDownLatch(1);

    private final ConvroUseCases useCases = useCases();
    private final Chain endpoint = new Chain(new RouteTable(new MessageRoutes(useCases,
            new RequestBodies(mapper, new RequestValidator()), new JsonAnswers(mapper)).routes()), new ErrorMapper(mapper),
            CorsPolicy.none(), (bucket, limit) -> Optional.empty(), Map.of(), authenticate,
            new ServedRequests(new SimpleMeterRegistry()), new ClientAddress(TrustedProxies.loopbackOnly()), blocking);

    private ConvroUseCases useCases() {
        return new FakeUseCases().useCases(authenticate, this::send);
    }

    /** The send with this {@code Authorization} header (or none) and body, as the public port hands it over. */
    private CompletionStage<ApiAnswer> answer(String authorization, byte[] body) {
        return endpoint.answerGathered("POST", MessageRoutes.SEND, null,
                name -> name.equalsIgnoreCase("Authorization") ? authorization : null, body);
    }

    @AfterEach
    void stop() {
        if (javalin != null) {
            ConvroHttpApp.stopGracefully(javalin, Duration.ofSeconds(1));
        }
    }

    static List<Object[]> requests() {
        return List.of(
                new Object[] {"Bearer " + TOKEN, BODY.formatted("0badcafe", "c-1")},
                new Object[] {"bearer " + TOKEN, BODY.formatted("0badcafe", "dup")},
                new Object[] {null, BODY.formatted("0badcafe", "c-1")},
                new Object[] {"Basic abc", BODY.formatted("0badcafe", "c-1")},
                new Object[] {"Bearer nope", BODY.formatted("0badcafe", "c-1")},
                new Object[] {"Bearer " + TOKEN, "{"},
                new Object[] {"Bearer " + TOKEN, ""},
                new Object[] {"Bearer " + TOKEN, "[]"},
                new Object[] {"Bearer " + TOKEN, "{\"sessionId\":\"0badcafe\",\"recipientDeviceId\":\"bbbbbbbbbbbbbbbb\"}"},
                new Object[] {"Bearer " + TOKEN, BODY.formatted("0badcafe", "c-1").replace("{", "{\"extra\":1,")},
                new Object[] {"Bearer " + TOKEN, BODY.formatted("0badcafe", "c-1").replace("AQID", "not base64!")},
                new Object[] {"Bearer " + TOKEN, BODY.formatted("xyz", "c-1")},
                new Object[] {"Bearer " + TOKEN, BODY.formatted("deadbeef", "c-1")},
                new Object[] {"Bearer " + TOKEN, BODY.formatted("0000dead", "c-1")});
    }

    @ParameterizedTest
    @MethodSource("requests")
    void answersExactlyAsTheJavalinRoute(String authorization, String body) throws Exception {
        ApiAnswer direct = answer(authorization, body.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();

        HttpResponse<String> routed = viaJavalin(authorization, body);

        assertThat(direct.status()).isEqualTo(routed.statusCode());
        assertThat(new String(direct.body(), StandardCharsets.UTF_8)).isEqualTo(routed.body());
        assertThat(routed.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void aTokenKnownWithoutTheStoreIsAnsweredOnTheCallingThread() {
        ApiAnswer answer = answer("Bearer " + TOKEN, BODY.formatted("0badcafe", "c-1").getBytes(StandardCharsets.UTF_8))
                .toCompletableFuture().join();

        assertThat(answer.status()).isEqualTo(201);
        assertThat(blockingCalls).hasValue(0);
        assertThat(authenticateCalls).hasValue(0);
    }

    @Test
    void aTokenWhoseDeviceMustBeReadIsCheckedOnTheBlockingExecutor() {
        ApiAnswer answer = answer("Bearer " + UNREAD_TOKEN,
                BODY.formatted("0badcafe", "c-1").getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();

        assertThat(answer.status()).isEqualTo(201);
        assertThat(blockingCalls).hasValue(1);
        assertThat(authenticateCalls).hasValue(1);
    }

    @Test
    void aTokenCheckBeyondItsBoundIsAnswered503WithRetryAfterWithoutWaiting() {
        byte[] body = BODY.formatted("0badcafe", "c-1").getBytes(StandardCharsets.UTF_8);
        CompletableFuture<ApiAnswer> running = answer("Bearer " + SLOW_TOKEN, body).toCompletableFuture();
        CompletableFuture<ApiAnswer> waiting = answer("Bearer " + SLOW_TOKEN, body).toCompletableFuture();
        try {
            ApiAnswer refused = answer("Bearer " + UNREAD_TOKEN, body).toCompletableFuture().join();

            assertThat(refused.status()).isEqualTo(503);
            assertThat(Long.parseLong(refused.retryAfter())).isPositive();
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("\"SERVICE_UNAVAILABLE\"");
            assertThat(running).isNotDone();
        } finally {
            slowTokenChecked.countDown();
        }
        assertThat(running.join().status()).isEqualTo(201);
        assertThat(waiting.join().status()).isEqualTo(201);
    }

    @Test
    void afterStoppingNewSendsAre503AndThoseInFlightAreStillAnswered() throws Exception {
        hold = true;
        CompletableFuture<ApiAnswer> inFlight = answer("Bearer " + TOKEN,
                BODY.formatted("0badcafe", "c-1").getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
        assertThat(endpoint.inFlight()).isEqualTo(1);

        endpoint.stopAccepting();
        ApiAnswer refused = answer("Bearer " + TOKEN, BODY.formatted("0badcafe", "c-2").getBytes(StandardCharsets.UTF_8))
                .toCompletableFuture().join();

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.retryAfter()).isEqualTo("2");
        assertThat(mapper.readTree(refused.body()).path("error").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(inFlight).isNotDone();
        held.forEach(later -> later.complete(null));
        assertThat(inFlight.join().status()).isEqualTo(201);
        assertThat(endpoint.inFlight()).isZero();
    }

    private HttpResponse<String> viaJavalin(String authorization, String body) throws Exception {
        if (javalin == null) {
            HttpSettings settings = new HttpSettings("test", T0, () -> T0, Duration.ofSeconds(1), HttpSettings.defaultMaxThreads());
            javalin = ConvroHttpApp.create(useCases, () -> true, settings, AddressRateLimits.off()).start("127.0.0.1", 0);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + MessageRoutes.SEND))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
