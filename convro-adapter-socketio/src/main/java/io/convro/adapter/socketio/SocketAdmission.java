package io.convro.adapter.socketio;

import com.corundumstudio.socketio.AuthTokenListener;
import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.listener.DisconnectListener;
import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.groups.ListGroupRoomsUseCase;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.group.GroupId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a socket's identity is decided. netty-socketio runs its connect listeners when the
 * transport binds, before the client's CONNECT packet (and its {@code auth} payload) has arrived, and skips the
 * auth-token listeners for a CONNECT without payload. {@link ConnectPayloadNormalizer} gives every CONNECT a
 * payload, so this listener runs for every socket, before the server acknowledges the CONNECT: a socket that
 * passes joins {@code device:<id>} here, before its client can see {@code connect}; one that fails gets
 * {@code connect_error} and no room.
 *
 * <p>The listener runs on a netty event loop, which must never wait for the database (the same loops carry every
 * REST request of the public port). So the verdict is reached before the CONNECT reaches it: {@link AdmissionGate}
 * asks {@link #decideWithoutWaiting} on the loop and, when only the database can tell, {@link #decide} on the
 * admission executor, and hands the verdict over with {@link #remember}; the listener only applies it.
 */
final class SocketAdmission implements AuthTokenListener, DisconnectListener {
    private static final Logger log = LoggerFactory.getLogger(SocketAdmission.class);
    /** How long a client refused for load should wait before it tries again (in {@code err.data.retryAfter}). */
    static final int RETRY_AFTER_SECONDS = 2;

    private final AuthenticateTokenUseCase authenticate;
    private final SocketRateLimit socketLimit;
    private final Consumer<SocketIOClient> closeLater;
    private final PendingSockets pending;
    /** The groups whose rooms a user's socket joins on connect; {@code null} on a server without group rooms. */
    private final ListGroupRoomsUseCase groupRooms;
    private final ConcurrentMap<UUID, Caller> admitted = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, Verdict> decided = new ConcurrentHashMap<>();

    /** What was decided about a socket's token: let in as this caller, or refused with this code. */
    sealed interface Verdict permits Admitted, Refused {
    }

    /** @param groups the group rooms the socket joins with its device's room */
    record Admitted(Caller caller, List<GroupId> groups) implements Verdict {
        Admitted {
            groups = List.copyOf(groups);
        }
    }

    record Refused(ErrorCode code, String message) implements Verdict {
        /** The admission executor is full or the check waited too long in its queue: try again shortly. */
        static Refused busy() {
            return new Refused(ErrorCode.SERVICE_UNAVAILABLE, "too many sockets are connecting, retry shortly");
        }
    }

    /**
     * @param closeLater closes a refused socket if its client does not leave by itself; it must give the
     *                   {@code connect_error} time to reach the client first
     */
    SocketAdmission(AuthenticateTokenUseCase authenticate, SocketRateLimit socketLimit, Consumer<SocketIOClient> closeLater,
                    PendingSockets pending) {
        this(authenticate, socketLimit, closeLater, pending, null);
    }

    /** @param groupRooms the groups a user's sockets join on connect (read on the admission executor), or {@code null} */
    SocketAdmission(AuthenticateTokenUseCase authenticate, SocketRateLimit socketLimit, Consumer<SocketIOClient> closeLater,
                    PendingSockets pending, ListGroupRoomsUseCase groupRooms) {
        this.groupRooms = groupRooms;
        this.authenticate = authenticate;
        this.socketLimit = socketLimit;
        this.closeLater = closeLater;
        this.pending = pending;
        pending.admission(this);
    }

    /** The token a CONNECT offers: {@code auth.token}, else {@code ?token=} of the handshake; {@code null} if none. */
    static String tokenOf(Object authPayload, HandshakeData handshake) {
        if (authPayload instanceof Map<?, ?> map && map.get("token") instanceof String token && !token.isBlank()) {
            return token.trim();
        }
        String query = handshake == null ? null : handshake.getSingleUrlParam("token");
        return query == null || query.isBlank() ? null : query.trim();
    }

    /** The verdict on {@code token} if it needs no database (for an event loop); empty when only {@link #decide} can tell. */
    Optional<Verdict> decideWithoutWaiting(String token) {
        if (token == null) {
            return Optional.of(new Refused(ErrorCode.UNAUTHORIZED, "access token required: auth.token or ?token="));
        }
        try {
            // a member's group rooms are read from the store: with group rooms, an admission always takes the executor
            return authenticate.authenticateWithoutWaiting(token).filter(caller -> groupRooms == null)
                    .map(caller -> new Admitted(caller, List.of()));
        } catch (DomainException rejected) {
            return Optional.of(new Refused(rejected.code(), rejected.getMessage()));
        } catch (RuntimeException bug) {
            log.error("[WS] Token check failed", bug);
            return Optional.of(new Refused(ErrorCode.INTERNAL_ERROR, "could not check the access token"));
        }
    }

    /** The verdict on {@code token}; may read the database, so never on an event loop. */
    Verdict decide(String token) {
        if (token == null) {
            return decideWithoutWaiting(null).orElseThrow();
        }
        try {
            Caller caller = authenticate.authenticate(token);
            return new Admitted(caller, groupRooms == null ? List.of() : groupRooms.roomsOf(caller.userId()));
        } catch (DomainException rejected) {
            return new Refused(rejected.code(), rejected.getMessage());
        } catch (RuntimeException bug) {
            log.error("[WS] Token check failed", bug);
            return new Refused(ErrorCode.INTERNAL_ERROR, "could not check the access token");
        }
    }

    /** The verdict for the CONNECT the client with {@code sessionId} sent; the listener applies it. */
    void remember(UUID sessionId, Verdict verdict) {
        decided.put(sessionId, verdict);
    }

    @Override
    public AuthTokenResult getAuthTokenResult(Object authPayload, SocketIOClient client) {
        forget(client);
        Verdict verdict = decided.remove(client.getSessionId());
        if (verdict == null) {
            // a CONNECT the gate did not hold (it holds every one to the main namespace): never wait here
            verdict = decideWithoutWaiting(tokenOf(authPayload, client.getHandshakeData())).orElseGet(Refused::busy);
        }
        if (verdict instanceof Refused refused) {
            return refuse(client, refused.code(), refused.message(),
                    refused.code() == ErrorCode.SERVICE_UNAVAILABLE ? (long) RETRY_AFTER_SECONDS : null);
        }
        Admitted admittedAs = (Admitted) verdict;
        Caller caller = admittedAs.caller();
        // this node's memory, never Redis: quick enough for the event loop
        Optional<Duration> wait = socketLimit.tryAcquire(caller.deviceId());
        if (wait.isPresent()) {
            return refuse(client, ErrorCode.RATE_LIMITED, "too many sockets for this device, retry later",
                    retryAfterSeconds(wait.get()));
        }
        admitted.put(client.getSessionId(), caller);
        pending.settled(client.getSessionId());
        client.joinRoom(DeviceRooms.of(caller.deviceId()));
        // before the client sees connect, like the device's room: the next group message reaches it
        client.joinRoom(DeviceRooms.ofUser(caller.userId()));
        for (GroupId group : admittedAs.groups()) {
            client.joinRoom(DeviceRooms.ofGroup(group));
        }
        log.info("[WS] Connected userId={} deviceId={}", caller.userId(), caller.deviceId());
        return AuthTokenResult.AuthTokenResultSuccess;
    }

    @Override
    public void onDisconnect(SocketIOClient client) {
        decided.remove(client.getSessionId());
        pending.settled(client.getSessionId());
        forget(client);
    }

    /** The verdict for a client that went away before its CONNECT was processed. */
    void discard(UUID sessionId) {
        decided.remove(sessionId);
    }

    /** The verified caller behind {@code client}, if the socket was admitted and not revoked since. */
    Optional<Caller> callerOf(SocketIOClient client) {
        return Optional.ofNullable(admitted.get(client.getSessionId()));
    }

    /** Drop the socket's identity and room, so nothing more reaches it; used on disconnect and revocation. */
    void forget(SocketIOClient client) {
        Caller previous = admitted.remove(client.getSessionId());
        if (previous != null) {
            client.leaveRoom(DeviceRooms.of(previous.deviceId()));
            client.leaveRoom(DeviceRooms.ofUser(previous.userId()));
            for (String room : List.copyOf(client.getAllRooms())) {
                if (room.startsWith(DeviceRooms.GROUP_PREFIX)) {
                    client.leaveRoom(room);
                }
            }
        }
    }

    /** @param retryAfter whole seconds, for a refusal that passes ({@code RATE_LIMITED}, {@code SERVICE_UNAVAILABLE}) */
    private AuthTokenResult refuse(SocketIOClient client, ErrorCode code, String message, Long retryAfter) {
        log.info("[WS] Refused sessionId={} code={}", client.getSessionId(), code);
        closeLater.accept(client);
        // Socket.IO v4 shape of a connect_error: err.message is the code, err.data the REST error body
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.name());
        body.put("message", message);
        if (retryAfter != null) {
            // the socket counterpart of a 429's or 503's Retry-After: the client connects again after this many seconds
            body.put("retryAfter", retryAfter);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", code.name());
        error.put("data", body);
        return new AuthTokenResult(false, error);
    }

    /** As HTTP's {@code Retry-After}: whole seconds, rounded up, at least 1. */
    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (Math.max(0, wait.toMillis()) + 999) / 1000);
    }
}
