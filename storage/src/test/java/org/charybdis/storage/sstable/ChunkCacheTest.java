package org.charybdis.storage.sstable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkCacheTest {
    @Test
    void evictsLeastRecentlyUsedChunksToStayWithinItsBudget() {
        ChunkCache cache = new ChunkCache(300);
        cache.put(1, 0, new byte[100]);
        cache.put(1, 1, new byte[100]);
        cache.put(2, 0, new byte[100]);
        assertThat(cache.get(1, 0)).isNotNull(); // now the most recent
        cache.put(2, 1, new byte[100]);
        assertThat(cache.get(1, 1)).isNull();
        assertThat(cache.get(1, 0)).isNotNull();
        assertThat(cache.sizeBytes()).isEqualTo(300);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);

        cache.invalidate(2);
        assertThat(cache.chunkCount()).isEqualTo(1);
        assertThat(cache.sizeBytes()).isEqualTo(100);
        cache.put(3, 0, new byte[1000]);
        assertThat(cache.get(3, 0)).as("larger than the whole budget: not cached").isNull();
    }

    @Test
    void indexSpansAreCachedBesideChunksAndDroppedWithTheirSSTable() {
        ChunkCache cache = new ChunkCache(1000);
        cache.put(1, 0, new byte[100]);
        cache.putIndexSpan(1, 0, new byte[50]);
        assertThat(cache.indexSpan(1, 0)).hasSize(50);
        assertThat(cache.get(1, 0)).as("chunk 0 and span 0 are different entries").hasSize(100);
        assertThat(cache.indexSpan(1, 1)).isNull();
        assertThat(cache.sizeBytes()).isEqualTo(150);
        cache.invalidate(1);
        assertThat(cache.indexSpan(1, 0)).isNull();
        assertThat(cache.sizeBytes()).isZero();
    }
}
