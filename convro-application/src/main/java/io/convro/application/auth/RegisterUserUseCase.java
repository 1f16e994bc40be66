package io.convro.application.auth;

/**
 * In-port: create an account with a server-allocated convro number and its first device, signed in.
 * Rejections: {@code USERNAME_TAKEN}, {@code DEVICE_ID_TAKEN}, {@code FAILED_TO_ALLOCATE_CONVRO_NUMBER}.
 */
public interface RegisterUserUseCase {
    AuthSession register(RegisterCommand command);
}
