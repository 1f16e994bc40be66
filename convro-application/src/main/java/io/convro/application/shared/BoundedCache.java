package io.convro.application.shared;

import java.util.function.BiFunction;

/**
 * What this node remembers of the store, bounded (out-port; the deployment backs it with a cache library and reports
 * its hit rate, see {@link BoundedCaches}). Holding at most its capacity, it may forget any entry at any time: a
 * caller must be as right without an entry as with it, only slower.
 */
public interface BoundedCache<K, V> {
    /** The value remembered for {@code key}, or {@code null}; counted as a hit or a miss. */
    V get(K key);

    void put(K key, V value);

    /** As {@link java.util.Map#compute}, atomically for {@code key}. */
    V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping);

    /** As {@link java.util.Map#computeIfPresent}, atomically for {@code key}. */
    V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping);
}
