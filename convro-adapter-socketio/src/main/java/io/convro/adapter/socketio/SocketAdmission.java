package io.convro.adapter.socketio;

import com.corundumstudio.socketio.AuthTokenListener;
import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.listener.DisconnectListener;
import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 */
final class SocketAdmission implements AuthTokenListener, DisconnectListener {
    private static final Logger log = LoggerFactory.getLogger(SocketAdmission.class);

    private final AuthenticateTokenUseCase authenticate;
    private final SocketRateLimit socketLimit;
    private final Consumer<SocketIOClient> closeLater;
    private final ConcurrentMap<UUID, Caller> admitted = new ConcurrentHashMap<>();

    /**
     * @param closeLater closes a refused socket if its client does not leave by itself; it must give the
     *                   {@code connect_error} time to reach the client first
     */
    SocketAdmission(AuthenticateTokenUseCase authenticate, SocketRateLimit socketLimit, Consumer<SocketIOClient> closeLater) {
        this.authenticate = authenticate;
        this.socketLimit = socketLimit;
        this.closeLater = closeLater;
    }

    @Override
    public AuthTokenResult getAuthTokenResult(Object authPayload, SocketIOClient client) {
        forget(client);
        String token = tokenFrom(authPayload);
        if (token == null) {
            token = blankToNull(client.getHandshakeData().getSingleUrlParam("token"));
        }
        if (token == null) {
            return refuse(client, ErrorCode.UNAUTHORIZED, "access token required: auth.token or ?token=");
        }
        Caller caller;
        try {
            caller = authenticate.authenticate(token);
        } catch (DomainException rejected) {
            return refuse(client, rejected.code(), rejected.getMessage());
        } catch (RuntimeException bug) {
            log.error("[WS] Token check failed sessionId={}", client.getSessionId(), bug);
            return refuse(client, ErrorCode.INTERNAL_ERROR, "could not check the access token");
        }
        Optional<Duration> wait = socketLimit.tryAcquire(caller.deviceId());
        if (wait.isPresent()) {
            return refuse(client, ErrorCode.RATE_LIMITED, "too many sockets for this device, retry later",
                    retryAfterSeconds(wait.get()));
        }
        admitted.put(client.getSessionId(), caller);
        client.joinRoom(DeviceRooms.of(caller.deviceId()));
        log.info("[WS] Connected userId={} deviceId={}", caller.userId(), caller.deviceId());
        return AuthTokenResult.AuthTokenResultSuccess;
    }

    @Override
    public void onDisconnect(SocketIOClient client) {
        forget(client);
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
        }
    }

    private AuthTokenResult refuse(SocketIOClient client, ErrorCode code, String message) {
        return refuse(client, code, message, null);
    }

    /** @param retryAfter whole seconds, for a refusal that passes ({@code RATE_LIMITED}); {@code null} otherwise */
    private AuthTokenResult refuse(SocketIOClient client, ErrorCode code, String message, Long retryAfter) {
        log.info("[WS] Refused sessionId={} code={}", client.getSessionId(), code);
        closeLater.accept(client);
        // Socket.IO v4 shape of a connect_error: err.message is the code, err.data the REST error body
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.name());
        body.put("message", message);
        if (retryAfter != null) {
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

    private static String tokenFrom(Object authPayload) {
        if (authPayload instanceof Map<?, ?> map && map.get("token") instanceof String token) {
            return blankToNull(token);
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
