package org.charybdis.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.charybdis.storage.lsm.LsmEngineFactory;
import org.charybdis.storage.sstable.ChunkCache;
import org.charybdis.storage.sstable.Component;

import java.util.List;
import java.util.Locale;

/**
 * Each shard's chunk cache ({@code charybdis_sstables_chunk_cache_*}, labels {@code shard} and {@code component}:
 * {@code data} for Data.db chunks, {@code index} for Index.db spans): lookups answered and missed, bytes held. A miss
 * is a disk read, so with {@code charybdis_storage_reads} they give index and data reads per point read.
 */
final class ChunkCacheMetrics {
    private static final List<Component> CACHED = List.of(Component.DATA, Component.INDEX);

    private ChunkCacheMetrics() {}

    static void register(MeterRegistry registry, LsmEngineFactory engines, int shards) {
        for (int shard = 0; shard < shards; shard++) {
            ChunkCache cache = engines.chunkCache(shard);
            String id = Integer.toString(shard);
            for (Component component : CACHED) {
                Tags tags = Tags.of("shard", id, "component", component.name().toLowerCase(Locale.ROOT));
                FunctionCounter.builder("charybdis.sstables.chunk.cache.hits", cache, c -> c.hits(component)).tags(tags)
                        .description("Point-read lookups the chunk cache answered").register(registry);
                FunctionCounter.builder("charybdis.sstables.chunk.cache.misses", cache, c -> c.misses(component)).tags(tags)
                        .description("Point-read lookups the chunk cache did not hold: each read from disk").register(registry);
                Gauge.builder("charybdis.sstables.chunk.cache.bytes", cache, c -> c.sizeBytes(component)).tags(tags)
                        .description("Bytes the chunk cache holds").register(registry);
            }
            Gauge.builder("charybdis.sstables.chunk.cache.capacity.bytes", cache, ChunkCache::capacityBytes).tags("shard", id)
                    .description("The chunk cache's budget (an eighth of the shard's share of memory)").register(registry);
        }
    }
}
