package io.convro.adapter.http.auth;

import io.convro.adapter.http.validation.Required;
import io.convro.domain.ErrorCode;

/** Body of {@code POST /v1/auth/refresh}; the token's shape is the use case's to judge. */
record RefreshRequest(@Required(code = ErrorCode.INVALID_REFRESH_TOKEN) String refreshToken) {
    @Override
    public String toString() {
        return "RefreshRequest[***]";
    }
}
