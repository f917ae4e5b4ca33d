package org.charybdis.storage.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * A table's options that shape its files, exactly as CQL gave them: {@code compaction} and {@code compression}
 * option maps and {@code bloom_filter_fp_chance}. Engines parse and validate what they use.
 */
public record StorageParams(Map<String, String> compaction, Map<String, String> compression, double bloomFilterFpChance) {
    public static final StorageParams DEFAULT = new StorageParams(
            Map.of("class", "UnifiedCompactionStrategy"), Map.of("class", "LZ4Compressor", "chunk_length_in_kb", "16"), 0.01);

    public StorageParams {
        compaction = Map.copyOf(new TreeMap<>(compaction));
        compression = Map.copyOf(new TreeMap<>(compression));
        if (!(bloomFilterFpChance > 0 && bloomFilterFpChance <= 1))
            throw new IllegalArgumentException("bloom_filter_fp_chance must be in (0, 1]: " + bloomFilterFpChance);
    }
}
