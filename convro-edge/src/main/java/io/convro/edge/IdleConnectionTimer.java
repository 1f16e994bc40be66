package io.convro.edge;

import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Closes the client connection when no request arrives in time: first data, then between keep-alive requests. */
final class IdleConnectionTimer {

    private ScheduledFuture<?> timer;

    /** {@code stillIdle} is asked when the time is up: a request may have started meanwhile. */
    void arm(ChannelHandlerContext ctx, Duration timeout, BooleanSupplier stillIdle) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            if (stillIdle.getAsBoolean()) {
                ctx.channel().close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
