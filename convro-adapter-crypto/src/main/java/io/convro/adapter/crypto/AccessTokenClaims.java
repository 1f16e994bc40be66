package io.convro.adapter.crypto;

import com.nimbusds.jwt.JWTClaimsSet;
import io.convro.application.auth.AccessGrant;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;

/** The Convro claims of an access token and their mapping to an {@link AccessGrant}. */
final class AccessTokenClaims {
    static final String USER_ID = "userId";
    static final String DEVICE_ID = "deviceId";
    static final String CONVRO_NUMBER = "convroNumber";
    static final String USERNAME = "username";
    static final String GENERATION = "gen";

    private AccessTokenClaims() {
    }

    static JWTClaimsSet.Builder write(AccessGrant grant, JWTClaimsSet.Builder claims) {
        return claims
                .claim(USER_ID, grant.userId().value())
                .claim(DEVICE_ID, grant.deviceId().value())
                .claim(CONVRO_NUMBER, grant.convroNumber().value())
                .claim(USERNAME, grant.username() == null ? null : grant.username().value())
                .claim(GENERATION, grant.tokenGeneration())
                // username is part of the contract even when absent: send it as JSON null
                .serializeNullClaims(true);
    }

    /** The grant the claims describe; any missing or mistyped claim is {@code UNAUTHORIZED}. */
    static AccessGrant read(JWTClaimsSet claims) {
        long userId = integer(claims.getClaim(USER_ID));
        long generation = integer(claims.getClaim(GENERATION));
        if (userId <= 0 || generation < 0) {
            throw invalid();
        }
        try {
            return new AccessGrant(
                    UserId.of(userId),
                    DeviceId.parse(string(claims.getClaim(DEVICE_ID))),
                    ConvroNumber.parse(string(claims.getClaim(CONVRO_NUMBER))),
                    username(claims.getClaim(USERNAME)),
                    generation);
        } catch (DomainException e) {
            // a token signed with our key but carrying values we would never issue
            throw invalid();
        }
    }

    private static long integer(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        throw invalid();
    }

    private static String string(Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw invalid();
    }

    private static Username username(Object value) {
        return value == null ? null : Username.parse(string(value));
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.UNAUTHORIZED, "access token claims are invalid");
    }
}
