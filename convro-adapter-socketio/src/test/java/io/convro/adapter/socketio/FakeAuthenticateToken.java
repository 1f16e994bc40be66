package io.convro.adapter.socketio;

import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Known token strings map to callers; "expired" and "revoked" fail like the real use case; anything else is UNAUTHORIZED. */
final class FakeAuthenticateToken implements AuthenticateTokenUseCase {
    static final Caller ALICE_PHONE = caller(1, "a1a1a1a1a1a1a1a1", "+99000001", "alice");
    static final Caller BOB_LAPTOP = caller(2, "b2b2b2b2b2b2b2b2", "+99000002", null);
    static final String ALICE_TOKEN = "token-alice-phone";
    static final String BOB_TOKEN = "token-bob-laptop";
    static final String EXPIRED_TOKEN = "expired";
    static final String REVOKED_TOKEN = "revoked";

    private final Map<String, Caller> callers = new ConcurrentHashMap<>(Map.of(ALICE_TOKEN, ALICE_PHONE, BOB_TOKEN, BOB_LAPTOP));

    @Override
    public Caller authenticate(String accessToken) {
        if (EXPIRED_TOKEN.equals(accessToken)) {
            throw new DomainException(ErrorCode.TOKEN_EXPIRED, "access token expired");
        }
        if (REVOKED_TOKEN.equals(accessToken)) {
            throw new DomainException(ErrorCode.TOKEN_REVOKED, "access token revoked");
        }
        Caller caller = accessToken == null ? null : callers.get(accessToken);
        if (caller == null) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "bad access token");
        }
        return caller;
    }

    private static Caller caller(long user, String device, String number, String username) {
        return new Caller(UserId.of(user), DeviceId.parse(device), ConvroNumber.parse(number),
                username == null ? null : Username.parse(username));
    }
}
