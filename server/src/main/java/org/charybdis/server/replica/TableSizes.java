package org.charybdis.server.replica;

import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Table sizes for {@code system.size_estimates}: every few seconds each shard publishes an immutable
 * map of its tables' statistics, which any thread may read; nobody touches another shard's storage.
 */
public final class TableSizes {
    private final AtomicReferenceArray<Map<UUID, TableEngine.Stats>> published;

    TableSizes(int shards) {
        published = new AtomicReferenceArray<>(shards);
        for (int i = 0; i < shards; i++) published.set(i, Map.of());
    }

    /** Starts the periodic publication on every shard, in the maintenance group. */
    void start(ShardRuntime runtime, ShardStorage[] storages, long periodSeconds) {
        for (int i = 0; i < storages.length; i++) {
            ShardStorage storage = storages[i];
            int shard = i;
            runtime.shard(i).scheduleAtFixedRate(runtime.group(ShardRuntime.MAINTENANCE), 0, periodSeconds, TimeUnit.SECONDS,
                    () -> published.set(shard, snapshot(storage)));
        }
    }

    private static Map<UUID, TableEngine.Stats> snapshot(ShardStorage storage) {
        Map<UUID, TableEngine.Stats> sizes = new HashMap<>();
        for (TableEngine engine : storage.tables()) sizes.put(engine.layout().tableId(), engine.stats());
        return Map.copyOf(sizes);
    }

    /** One shard's tables' statistics, as last published (a few seconds old at most). */
    public Map<UUID, TableEngine.Stats> ofShard(int shard) {
        return published.get(shard);
    }

    public int shardCount() {
        return published.length();
    }

    /** The table's statistics summed over the shards, as last published. */
    public TableEngine.Stats of(UUID table) {
        TableEngine.Stats sum = TableEngine.Stats.EMPTY;
        for (int i = 0; i < published.length(); i++) {
            TableEngine.Stats stats = published.get(i).get(table);
            if (stats != null) sum = sum.plus(stats);
        }
        return sum;
    }
}
