package org.charybdis.storage.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * A table's options that shape its files, exactly as CQL gave them: {@code compaction} and {@code compression}
 * option maps and {@code bloom_filter_fp_chance}, and which engine stores the table ({@code storage_engine}, fixed at
 * CREATE TABLE). Engines parse and validate what they use.
 */
public record StorageParams(Map<String, String> compaction, Map<String, String> compression, double bloomFilterFpChance,
                            Engine engine) {
    public static final StorageParams DEFAULT = new StorageParams(
            Map.of("class", "UnifiedCompactionStrategy"), Map.of("class", "LZ4Compressor", "chunk_length_in_kb", "16"), 0.01);

    /** The engines a table can choose; the option's values are their lower-case names. */
    public enum Engine {
        /** Charybdis's own LSM engine (commitlog, memtables, SSTables, unified compaction): the default. */
        CHARYBDIS,
        /** RocksDB (rocksdbjni), a column family per table in a RocksDB instance per shard; see storage/rocks. */
        ROCKSDB;

        /** The option's value. */
        public String optionValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The engine an option value names (any case), or null for none. */
        public static Engine fromOption(String value) {
            for (Engine e : values()) if (e.optionValue().equalsIgnoreCase(value)) return e;
            return null;
        }
    }

    public StorageParams(Map<String, String> compaction, Map<String, String> compression, double bloomFilterFpChance) {
        this(compaction, compression, bloomFilterFpChance, Engine.CHARYBDIS);
    }

    /** The same options with another engine. */
    public StorageParams withEngine(Engine other) {
        return new StorageParams(compaction, compression, bloomFilterFpChance, other);
    }

    public StorageParams {
        java.util.Objects.requireNonNull(engine, "engine");
        compaction = Map.copyOf(new TreeMap<>(compaction));
        compression = Map.copyOf(new TreeMap<>(compression));
        if (!(bloomFilterFpChance > 0 && bloomFilterFpChance <= 1))
            throw new IllegalArgumentException("bloom_filter_fp_chance must be in (0, 1]: " + bloomFilterFpChance);
    }
}
