package io.convro.application.shared;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Makes the use cases' {@link BoundedCache}s (out-port). The server plugs in a cache library (Caffeine) whose hit
 * rates are in the metrics; {@link #clearedWhenFull()} is the library-free stand-in for tests and embedders.
 */
public interface BoundedCaches {
    /**
     * @param name     what it remembers, as the metrics name it ({@code known-sessions}, {@code device-standings})
     * @param capacity the most entries it holds
     */
    <K, V> BoundedCache<K, V> create(String name, int capacity);

    /** Caches that forget everything when they are full, and count nothing. */
    static BoundedCaches clearedWhenFull() {
        return new BoundedCaches() {
            @Override
            public <K, V> BoundedCache<K, V> create(String name, int capacity) {
                return new ClearedWhenFull<>(capacity);
            }
        };
    }

    /** A concurrent map that starts over when it is full. */
    final class ClearedWhenFull<K, V> implements BoundedCache<K, V> {
        private final Map<K, V> entries = new ConcurrentHashMap<>();
        private final int capacity;

        private ClearedWhenFull(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public V get(K key) {
            return entries.get(key);
        }

        @Override
        public void put(K key, V value) {
            roomForOne();
            entries.put(key, value);
        }

        @Override
        public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
            roomForOne();
            return entries.compute(key, remapping);
        }

        @Override
        public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
            return entries.computeIfPresent(key, remapping);
        }

        private void roomForOne() {
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
    }
}
