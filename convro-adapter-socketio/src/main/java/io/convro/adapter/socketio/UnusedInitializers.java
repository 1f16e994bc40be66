package io.convro.adapter.socketio;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.scheduler.CancelableScheduler;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every netty-socketio initializer creates a Netty timer when constructed, and netty reports a LEAK when one is
 * garbage-collected unstopped. Two initializers here never start: the one {@link SocketIOServer} builds before
 * Convro swaps in its own, and {@link GuardedChannelInitializer}'s inherited one. netty-socketio offers no way to
 * stop those timers, so this reaches its private fields; if a later version renames them, it only logs.
 */
final class UnusedInitializers {
    private static final Logger log = LoggerFactory.getLogger(UnusedInitializers.class);

    private UnusedInitializers() {
    }

    /** Stop the timer of the initializer {@code server} was built with; call before replacing it. */
    static void releaseDefaultOf(SocketIOServer server) {
        Object initializer = field(SocketIOServer.class, "pipelineFactory", server);
        if (initializer instanceof SocketIOChannelInitializer unused) {
            release(unused);
        }
    }

    /** Stop the timer of an initializer that is never started. */
    static void release(SocketIOChannelInitializer unused) {
        if (field(SocketIOChannelInitializer.class, "scheduler", unused) instanceof CancelableScheduler scheduler) {
            scheduler.shutdown();
        }
    }

    private static Object field(Class<?> owner, String name, Object target) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException changed) {
            log.debug("netty-socketio changed: cannot release the timer of an unused initializer", changed);
            return null;
        }
    }
}
