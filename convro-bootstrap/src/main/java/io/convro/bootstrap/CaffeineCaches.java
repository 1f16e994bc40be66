package io.convro.bootstrap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.convro.application.shared.BoundedCache;
import io.convro.application.shared.BoundedCaches;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.function.BiFunction;

/**
 * The use cases' bounded caches on Caffeine (size-bounded, its admission policy deciding what goes), each reported
 * by Micrometer's {@link CaffeineCacheMetrics} as {@code cache_gets_total{cache=…,result=hit|miss}},
 * {@code cache_size}, {@code cache_evictions_total}, ….
 */
final class CaffeineCaches implements BoundedCaches {
    private final MeterRegistry registry;

    CaffeineCaches(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <K, V> BoundedCache<K, V> create(String name, int capacity) {
        Cache<K, V> cache = Caffeine.newBuilder().maximumSize(capacity).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, name);
        return new BoundedCache<>() {
            @Override
            public V get(K key) {
                return cache.getIfPresent(key);
            }

            @Override
            public void put(K key, V value) {
                cache.put(key, value);
            }

            @Override
            public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
                return cache.asMap().compute(key, remapping);
            }

            @Override
            public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
                return cache.asMap().computeIfPresent(key, remapping);
            }
        };
    }
}
