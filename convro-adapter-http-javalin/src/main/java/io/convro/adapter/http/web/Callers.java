package io.convro.adapter.http.web;

import io.convro.application.shared.Caller;
import io.javalin.http.Context;

/** Where the auth filter leaves the {@link Caller} for the route handlers: a request attribute. */
public final class Callers {
    static final String ATTRIBUTE = "convro.caller";

    private Callers() {
    }

    /** The authenticated caller of a protected route (the auth filter ran before). */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller: route is not behind the auth filter");
        }
        return caller;
    }

    static void set(Context ctx, Caller caller) {
        ctx.attribute(ATTRIBUTE, caller);
    }
}
