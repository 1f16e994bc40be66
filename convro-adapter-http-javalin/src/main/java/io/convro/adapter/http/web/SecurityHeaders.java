package io.convro.adapter.http.web;

import io.javalin.http.Context;

/**
 * Headers every answer carries: a browser must not guess another type than the one declared (a JSON error that
 * echoes input must never run as HTML), must not frame the server's pages, and sends no referrer from them. The
 * status page adds its own Content-Security-Policy (it knows its inline code).
 */
public final class SecurityHeaders {
    public static final String NOSNIFF_NAME = "X-Content-Type-Options";
    public static final String NOSNIFF_VALUE = "nosniff";

    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        ctx.header(NOSNIFF_NAME, NOSNIFF_VALUE);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
