package org.charybdis.server.schema;

import org.charybdis.storage.engine.StorageParams;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's options ({@code WITH comment = '...' AND compaction = {...}}), stored as given and shown in
 * system_schema.tables. Values are String, Double, Integer, Boolean or Map&lt;String, String&gt;.
 * Unset options take Cassandra 5.0's defaults, except compaction, which defaults to UCS here.
 * {@code storage_engine} is ours (Cassandra has no such option): which engine stores the table.
 */
public record TableParams(Map<String, Object> options) {
    public static final String COMPACTION = "compaction";
    public static final String COMPRESSION = "compression";
    public static final String CACHING = "caching";
    public static final String DEFAULT_TIME_TO_LIVE = "default_time_to_live";
    public static final String GC_GRACE_SECONDS = "gc_grace_seconds";
    public static final String STORAGE_ENGINE = "storage_engine";

    private static final Map<String, Object> DEFAULTS = defaults();

    public TableParams {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static TableParams defaultParams() {
        return new TableParams(DEFAULTS);
    }

    /** Whether {@code name} is a table option Cassandra knows. */
    public static boolean isKnown(String name) {
        return DEFAULTS.containsKey(name);
    }

    /** The option's kind of value: a map option takes {@code {k: v}}, the others a constant. */
    public static boolean isMapOption(String name) {
        return DEFAULTS.get(name) instanceof Map;
    }

    public static Object defaultValue(String name) {
        return DEFAULTS.get(name);
    }

    public TableParams with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(options);
        copy.put(name, value);
        return new TableParams(copy);
    }

    public Object get(String name) {
        return options.get(name);
    }

    public int defaultTimeToLive() {
        return ((Number) options.get(DEFAULT_TIME_TO_LIVE)).intValue();
    }

    public int gcGraceSeconds() {
        return ((Number) options.get(GC_GRACE_SECONDS)).intValue();
    }

    /** The engine storing the table; tables saved before the option existed have none and use the default. */
    public StorageParams.Engine storageEngine() {
        Object value = options.get(STORAGE_ENGINE);
        StorageParams.Engine engine = value == null ? null : StorageParams.Engine.fromOption(value.toString());
        return engine != null ? engine : StorageParams.Engine.CHARYBDIS;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> mapOption(String name) {
        return (Map<String, String>) options.get(name);
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("additional_write_policy", "99p");
        d.put("allow_auto_snapshot", true);
        d.put("bloom_filter_fp_chance", 0.01);
        d.put(CACHING, sorted(Map.of("keys", "ALL", "rows_per_partition", "NONE")));
        d.put("cdc", false);
        d.put("comment", "");
        d.put(COMPACTION, sorted(Map.of("class", "org.apache.cassandra.db.compaction.UnifiedCompactionStrategy")));
        d.put(COMPRESSION, sorted(Map.of("chunk_length_in_kb", "16", "class", "org.apache.cassandra.io.compress.LZ4Compressor")));
        d.put("crc_check_chance", 1.0);
        d.put(DEFAULT_TIME_TO_LIVE, 0);
        d.put("extensions", Map.of());
        d.put(GC_GRACE_SECONDS, 864000);
        d.put("incremental_backups", true);
        d.put("max_index_interval", 2048);
        d.put("memtable", "default");
        d.put("memtable_flush_period_in_ms", 0);
        d.put("min_index_interval", 128);
        d.put("read_repair", "BLOCKING");
        d.put("speculative_retry", "99p");
        d.put(STORAGE_ENGINE, StorageParams.Engine.CHARYBDIS.optionValue());
        return Collections.unmodifiableMap(d);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
