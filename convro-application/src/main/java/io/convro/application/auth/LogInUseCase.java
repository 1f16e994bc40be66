package io.convro.application.auth;

/**
 * In-port: sign in on a new or known device. Rejections: {@code MISSING_LOGIN_IDENTIFIER},
 * {@code INVALID_CREDENTIALS} (unknown user and wrong password alike), {@code DEVICE_OWNED_BY_OTHER_USER},
 * {@code TOO_MANY_DEVICES} (a {@link io.convro.application.devices.TooManyDevicesException}).
 */
public interface LogInUseCase {
    AuthSession logIn(LogInCommand command);
}
