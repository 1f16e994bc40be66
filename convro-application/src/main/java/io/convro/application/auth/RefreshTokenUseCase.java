package io.convro.application.auth;

/**
 * In-port: trade a refresh token for a new pair, rotating it atomically (of two concurrent refreshes
 * exactly one wins). Presenting a revoked token revokes the whole family of the device.
 * Rejections: {@code INVALID_REFRESH_TOKEN}, {@code REFRESH_NOT_FOUND}, {@code REFRESH_REVOKED},
 * {@code REFRESH_EXPIRED}, {@code REFRESH_INVALID}.
 */
public interface RefreshTokenUseCase {
    RefreshedTokens refresh(String refreshToken);
}
