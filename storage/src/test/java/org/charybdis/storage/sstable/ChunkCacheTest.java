package org.charybdis.storage.sstable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void dataChunksNeverEvictIndexSpans() {
        ChunkCache cache = new ChunkCache(1000, 0.5);
        cache.putIndexSpan(1, 0, new byte[300]);
        cache.putIndexSpan(1, 1, new byte[100]);
        for (int chunk = 0; chunk < 50; chunk++) cache.put(1, chunk, new byte[100]);

        assertThat(cache.indexSpan(1, 0)).as("a span not read since fifty chunks came in").isNotNull();
        assertThat(cache.indexSpan(1, 1)).isNotNull();
        assertThat(cache.sizeBytes(Component.INDEX)).isEqualTo(400);
        assertThat(cache.sizeBytes(Component.DATA)).as("chunks take what the spans leave").isEqualTo(600);
        assertThat(cache.get(1, 49)).isNotNull();
        assertThat(cache.get(1, 43)).isNull();
        assertThat(cache.get(1, 44)).isNotNull();
        cache.put(1, 50, new byte[700]);
        assertThat(cache.get(1, 50)).as("larger than the room the spans leave: not cached").isNull();
        assertThat(cache.indexSpan(1, 0)).isNotNull();
    }

    @Test
    void spansBeyondTheirShareEvictTheLeastRecentlyUsedSpanAndSpansPushOutChunks() {
        ChunkCache cache = new ChunkCache(1000, 0.4);
        assertThat(cache.indexCapacityBytes()).isEqualTo(400);
        for (int chunk = 0; chunk < 10; chunk++) cache.put(7, chunk, new byte[100]);
        assertThat(cache.sizeBytes(Component.DATA)).as("chunks may use the share spans do not use").isEqualTo(1000);

        cache.putIndexSpan(7, 0, new byte[150]);
        cache.putIndexSpan(7, 1, new byte[150]);
        assertThat(cache.sizeBytes(Component.DATA)).as("spans take their room from the oldest chunks").isEqualTo(700);
        assertThat(cache.get(7, 0)).isNull();
        assertThat(cache.get(7, 2)).isNull();
        assertThat(cache.get(7, 3)).isNotNull();

        assertThat(cache.indexSpan(7, 0)).isNotNull(); // span 1 is now the least recently used
        cache.putIndexSpan(7, 2, new byte[150]);
        assertThat(cache.indexSpan(7, 1)).as("over the index share: the least recently used span goes").isNull();
        assertThat(cache.indexSpan(7, 0)).isNotNull();
        assertThat(cache.indexSpan(7, 2)).isNotNull();
        assertThat(cache.sizeBytes(Component.INDEX)).isEqualTo(300);
        cache.putIndexSpan(7, 3, new byte[401]);
        assertThat(cache.indexSpan(7, 3)).as("larger than the index share: not cached").isNull();
        assertThat(cache.sizeBytes()).isLessThanOrEqualTo(cache.capacityBytes());
    }

    @Test
    void countsHitsAndMissesOfChunksAndSpansApart() {
        ChunkCache cache = new ChunkCache(1000);
        cache.get(1, 0);
        cache.put(1, 0, new byte[10]);
        cache.get(1, 0);
        cache.get(1, 0);
        cache.indexSpan(1, 0);
        cache.indexSpan(1, 1);
        cache.putIndexSpan(1, 1, new byte[10]);
        cache.indexSpan(1, 1);

        assertThat(cache.hits(Component.DATA)).isEqualTo(2);
        assertThat(cache.misses(Component.DATA)).isEqualTo(1);
        assertThat(cache.hits(Component.INDEX)).isEqualTo(1);
        assertThat(cache.misses(Component.INDEX)).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(3);
        assertThat(cache.misses()).isEqualTo(3);
        assertThatThrownBy(() -> cache.hits(Component.FILTER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroIndexShareCachesNoSpanAndAWholeOneLetsSpansFillTheCache() {
        ChunkCache none = new ChunkCache(1000, 0);
        none.putIndexSpan(1, 0, new byte[1]);
        assertThat(none.indexSpan(1, 0)).isNull();

        ChunkCache all = new ChunkCache(1000, 1);
        all.put(1, 0, new byte[500]);
        all.putIndexSpan(1, 0, new byte[1000]);
        assertThat(all.indexSpan(1, 0)).isNotNull();
        assertThat(all.get(1, 0)).isNull();
        assertThatThrownBy(() -> new ChunkCache(1000, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
