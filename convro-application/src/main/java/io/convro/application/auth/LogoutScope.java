package io.convro.application.auth;

/** How much a logout revokes: one refresh token, the caller's device, or every device of the user. */
public enum LogoutScope {
    SINGLE, DEVICE, USER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
