package org.charybdis.server.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One shard's cache of values loaded asynchronously by key, each valid for {@code validityNanos} after it was
 * loaded (Cassandra's roles and permissions caches). Owned by the shard's thread: no locking. A hit returns the
 * very future loaded, so a cached request allocates nothing; concurrent misses share one load; a failed load is
 * not kept.
 */
final class ShardAuthCache<K, V> {
    private record Entry<V>(CompletableFuture<V> value, long loadedAt) {}

    private final Map<K, Entry<V>> entries = new HashMap<>();
    private final long validityNanos;
    private final LongSupplier clock;

    ShardAuthCache(long validityNanos, LongSupplier clock) {
        this.validityNanos = validityNanos;
        this.clock = clock;
    }

    CompletableFuture<V> get(K key, Function<K, CompletableFuture<V>> loader) {
        if (validityNanos <= 0) return loader.apply(key);
        long now = clock.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.loadedAt() < validityNanos && !entry.value().isCompletedExceptionally()) return entry.value();
        CompletableFuture<V> loading = loader.apply(key);
        entries.put(key, new Entry<>(loading, now));
        loading.whenComplete((value, failure) -> {
            Entry<V> current = entries.get(key);
            if (failure != null && current != null && current.value() == loading) entries.remove(key);
        });
        return loading;
    }

    void clear() {
        entries.clear();
    }
}
