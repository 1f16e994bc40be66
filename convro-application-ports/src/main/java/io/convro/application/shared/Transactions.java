package io.convro.application.shared;

import java.util.function.Supplier;

/**
 * Out-port: the transaction boundary. {@code work} runs all-or-nothing: if it throws, nothing it wrote
 * is kept and the exception propagates unchanged. Calls nest by joining the outer transaction.
 * Realtime events are published by use cases only after this method has returned. The database may break a
 * deadlock by rolling {@code work} back; an adapter may then run it again, so it must change nothing outside the
 * transaction.
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
