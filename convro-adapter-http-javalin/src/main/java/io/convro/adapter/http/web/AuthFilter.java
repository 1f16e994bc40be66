package io.convro.adapter.http.web;

import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Runs before every matched route that is not {@link Access#PUBLIC}: {@code Authorization: Bearer <token>}
 * → {@link AuthenticateTokenUseCase} → {@link Callers}. Runs only for matched routes, so an unknown path is
 * 404 and a wrong method 405 whether or not a token came with it.
 */
public final class AuthFilter {
    private static final String BEARER = "bearer ";
    private final AuthenticateTokenUseCase authenticate;

    public AuthFilter(AuthenticateTokenUseCase authenticate) {
        this.authenticate = authenticate;
    }

    public void handle(Context ctx) {
        if (ctx.routeRoles().contains(Access.PUBLIC)) {
            return;
        }
        Callers.set(ctx, authenticate.authenticate(bearerToken(ctx.header("Authorization"))));
    }

    /** The access token of an {@code Authorization: Bearer <token>} header; {@code UNAUTHORIZED} without one. */
    public static String bearerToken(String header) {
        // the scheme is case-insensitive (RFC 7235); the token itself is passed on untouched
        if (header == null || header.length() <= BEARER.length()
                || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authorization: Bearer <accessToken> is required");
        }
        String token = header.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authorization: Bearer <accessToken> is required");
        }
        return token;
    }
}
