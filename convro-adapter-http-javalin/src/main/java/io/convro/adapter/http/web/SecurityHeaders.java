package io.convro.adapter.http.web;

import java.util.function.BiConsumer;

/**
 * Headers every answer carries: a browser must not guess another type than the one declared (a JSON error that
 * echoes input must never run as HTML), must not frame the server's pages, and sends no referrer from them. The
 * status page adds its own Content-Security-Policy (it knows its inline code).
 */
public final class SecurityHeaders {
    public static final String NOSNIFF_NAME = "X-Content-Type-Options";
    public static final String NOSNIFF_VALUE = "nosniff";
    public static final String FRAME_OPTIONS_NAME = "X-Frame-Options";
    public static final String FRAME_OPTIONS_VALUE = "DENY";
    public static final String REFERRER_POLICY_NAME = "Referrer-Policy";
    public static final String REFERRER_POLICY_VALUE = "no-referrer";

    private SecurityHeaders() {
    }

    public static void apply(BiConsumer<String, String> headers) {
        headers.accept(NOSNIFF_NAME, NOSNIFF_VALUE);
        headers.accept(FRAME_OPTIONS_NAME, FRAME_OPTIONS_VALUE);
        headers.accept(REFERRER_POLICY_NAME, REFERRER_POLICY_VALUE);
    }
}
