package io.convro.adapter.http.messages;

import io.convro.adapter.http.JsonAnswer;
import io.convro.adapter.http.web.AuthFilter;
import io.convro.adapter.http.web.ErrorMapper;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.adapter.http.web.ServedRequests;
import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.messages.SendMessageUseCase;
import io.convro.application.messages.SentMessage;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /v1/dm/messages/send} answered from its {@code Authorization} header and its whole body, without
 * Jetty: the one public port's relay has parsed the request already and calls this on its event loop, then writes
 * the answer itself (no request thread, no second HTTP parse and response encoding; see docs/single-port.md). The
 * Javalin route shares its parts (bearer token, body reading, the use case, the answer's JSON, the error mapper),
 * so both answer alike.
 *
 * <p>Never waits on the calling thread: a token whose device this node has not read in the last second is checked
 * on {@code blockingWork}, one read per device however many of its sends wait for it (bounded: beyond it the send
 * is answered 503 with Retry-After), and the use case never
 * blocks its caller. After {@link #stopAccepting()} every request
 * is answered {@code 503 SERVICE_UNAVAILABLE}, and {@link #inFlight()} tells when those accepted are answered.
 */
public final class SendMessageEndpoint {
    public static final String METHOD = "POST";
    public static final String PATH = "/v1/dm/messages/send";

    private final AuthenticateTokenUseCase authenticate;
    private final SendMessageUseCase sendMessage;
    private final RequestBodies bodies;
    private final ErrorMapper errors;
    private final ServedRequests served;
    private final BoundedWork blockingWork;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean accepting = true;

    public SendMessageEndpoint(AuthenticateTokenUseCase authenticate, SendMessageUseCase sendMessage, RequestBodies bodies,
                               ErrorMapper errors, ServedRequests served, BoundedWork blockingWork) {
        this.authenticate = authenticate;
        this.sendMessage = sendMessage;
        this.bodies = bodies;
        this.errors = errors;
        this.served = served;
        this.blockingWork = blockingWork;
    }

    /** The answer to a send with this {@code Authorization} header (or {@code null}) and body; never fails. */
    public CompletionStage<JsonAnswer> answer(String authorization, byte[] body) {
        return answer(authorization, null, body);
    }

    /**
     * The answer to a send with this {@code Authorization} header (or {@code null}) and body; never fails. The
     * request is timed and logged as Javalin's routes are ({@link ServedRequests}).
     *
     * @param forwardedFor the {@code X-Forwarded-For} the relay passes on (the client is its last entry), or
     *                     {@code null}
     */
    public CompletionStage<JsonAnswer> answer(String authorization, String forwardedFor, byte[] body) {
        long started = System.nanoTime();
        inFlight.incrementAndGet();
        if (!accepting) {
            inFlight.decrementAndGet();
            JsonAnswer stopping = errors.answer(METHOD, PATH,
                    new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the server is stopping"));
            served.served(METHOD, PATH, stopping.status(), System.nanoTime() - started, served.clientBehindRelay(forwardedFor), null);
            return CompletableFuture.completedFuture(stopping);
        }
        Caller[] caller = new Caller[1];
        CompletionStage<SentMessage> sent;
        try {
            sent = authenticate.authenticateSoon(AuthFilter.bearerToken(authorization), blockingWork).thenCompose(checked -> {
                caller[0] = checked;
                return send(checked, body);
            });
        } catch (RuntimeException refused) {
            sent = CompletableFuture.failedFuture(refused);
        }
        return sent.handle((message, failure) -> {
            inFlight.decrementAndGet();
            JsonAnswer answer = failure == null
                    ? new JsonAnswer(message.created() ? 201 : 200, MessagesJson.Sent.of(message).bytes())
                    : errors.answer(METHOD, PATH, failure instanceof CompletionException wrapped && wrapped.getCause() != null
                            ? wrapped.getCause() : failure);
            served.served(METHOD, PATH, answer.status(), System.nanoTime() - started, served.clientBehindRelay(forwardedFor),
                    caller[0] == null ? null : caller[0].deviceId());
            return answer;
        });
    }

    /** The last entry of {@code X-Forwarded-For}: the address the relay saw (earlier entries are the client's claim). */
    static String lastForwarded(String forwardedFor) {
        if (forwardedFor == null) {
            return null;
        }
        String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).trim();
        return last.isEmpty() ? null : last;
    }

    private CompletionStage<SentMessage> send(Caller caller, byte[] body) {
        return send(caller, bodies.read(body, SendMessageRequest.class));
    }

    /** The Javalin route's way in, after its auth filter found the caller and it read the body. */
    CompletionStage<SentMessage> send(Caller caller, SendMessageRequest request) {
        return sendMessage.send(request.toCommand(caller));
    }

    /** From now on every request is answered {@code 503}; those accepted before are still answered. */
    public void stopAccepting() {
        accepting = false;
    }

    /** Requests accepted and not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }
}
