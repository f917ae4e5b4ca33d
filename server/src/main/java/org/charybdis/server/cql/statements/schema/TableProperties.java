package org.charybdis.server.cql.statements.schema;

import org.charybdis.storage.compaction.CompactionOptions;
import org.charybdis.storage.sstable.CompressionParams;
import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.syntax.Term;
import org.charybdis.server.schema.TableParams;

import java.util.Map;
import java.util.UUID;

/**
 * Applies a CREATE/ALTER TABLE {@code WITH} clause to a table's {@link TableParams}: each property is
 * read as its kind (string, integer, double, boolean, map), then the whole set is checked as
 * Cassandra 5.0 checks it. The {@code id} property is not a param: {@link #tableId} reads it.
 */
public final class TableProperties {
    public static final String ID = "id";
    private static final int MAX_TTL = 630720000;
    private static final double MIN_BLOOM_FP_CHANCE = 6.71E-5;

    private TableProperties() {}

    /** The params after applying {@code properties} to {@code base}; throws Cassandra's errors. */
    public static TableParams apply(TableParams base, Map<String, Term> properties) {
        TableParams params = base;
        for (Map.Entry<String, Term> property : properties.entrySet()) {
            String name = property.getKey();
            if (name.equals(ID)) continue;
            if (!TableParams.isKnown(name)) throw new SyntaxException("Unknown property '" + name + "'");
            params = params.with(name, read(name, property.getValue()));
        }
        validate(params);
        return params;
    }

    /** The {@code id} property, or null when absent. */
    public static UUID tableId(Map<String, Term> properties) {
        Term id = properties.get(ID);
        if (id == null) return null;
        try {
            return UUID.fromString(PropertyValues.string(ID, id));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid table id");
        }
    }

    private static Object read(String name, Term value) {
        if (name.equals(TableParams.STORAGE_ENGINE)) return StorageEngineOption.read(value);
        Object kind = TableParams.defaultValue(name);
        return switch (kind) {
            case Map<?, ?> ignored -> MapOptions.normalize(name, PropertyValues.map(name, value));
            case Integer ignored -> PropertyValues.integer(name, value);
            case Double ignored -> PropertyValues.decimal(name, value);
            case Boolean ignored -> PropertyValues.bool(name, value);
            default -> PropertyValues.string(name, value);
        };
    }

    private static void validate(TableParams params) {
        double bloom = (Double) params.get("bloom_filter_fp_chance");
        if (bloom <= MIN_BLOOM_FP_CHANCE || bloom > 1.0) {
            throw new ConfigurationException("bloom_filter_fp_chance must be larger than " + MIN_BLOOM_FP_CHANCE
                    + " and less than or equal to 1.0 (got " + bloom + ")");
        }
        double crc = (Double) params.get("crc_check_chance");
        if (crc < 0 || crc > 1.0) {
            throw new ConfigurationException("crc_check_chance must be larger than or equal to 0 and smaller than or equal to 1.0 (got " + crc + ")");
        }
        atLeast(params, TableParams.DEFAULT_TIME_TO_LIVE, 0);
        int ttl = params.defaultTimeToLive();
        if (ttl > MAX_TTL) {
            throw new ConfigurationException("default_time_to_live must be less than or equal to " + MAX_TTL + " (got " + ttl + ")");
        }
        atLeast(params, TableParams.GC_GRACE_SECONDS, 0);
        atLeast(params, "min_index_interval", 1);
        int min = (Integer) params.get("min_index_interval");
        int max = (Integer) params.get("max_index_interval");
        if (max < min) {
            throw new ConfigurationException("max_index_interval must be greater than or equal to min_index_interval (" + min + ") (got " + max + ")");
        }
        atLeast(params, "memtable_flush_period_in_ms", 0);
        checkRetryPolicy(params, "speculative_retry");
        checkRetryPolicy(params, "additional_write_policy");
        checkStorageOption(() -> CompactionOptions.parse(params.mapOption(TableParams.COMPACTION)));
        checkStorageOption(() -> CompressionParams.fromOptions(params.mapOption(TableParams.COMPRESSION)));
        String readRepair = ((String) params.get("read_repair")).toUpperCase(java.util.Locale.ROOT);
        if (!readRepair.equals("BLOCKING") && !readRepair.equals("NONE")) {
            throw new ConfigurationException("Invalid value " + params.get("read_repair") + " for option 'read_repair'");
        }
    }

    /** The storage engine's own check of its options, reported as Cassandra reports bad options. */
    private static void checkStorageOption(Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    private static void atLeast(TableParams params, String name, int minimum) {
        int value = (Integer) params.get(name);
        if (value < minimum) {
            throw new ConfigurationException(name + " must be greater than or equal to " + minimum + " (got " + value + ")");
        }
    }

    /** Cassandra's speculative retry formats: NONE, ALWAYS, 99p / 99PERCENTILE, 50ms, MIN(..,..), MAX(..,..). */
    private static void checkRetryPolicy(TableParams params, String name) {
        String value = ((String) params.get(name)).trim();
        if (!isRetryPolicy(value)) throw new ConfigurationException("Invalid value " + value + " for option '" + name + "'");
    }

    private static boolean isRetryPolicy(String value) {
        String upper = value.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("NONE") || upper.equals("ALWAYS")) return true;
        if (upper.matches("\\d+(\\.\\d+)?(P|PERCENTILE|MS)")) return true;
        if (upper.matches("(MIN|MAX)\\((.+),(.+)\\)")) {
            String inner = value.substring(4, value.length() - 1);
            int comma = inner.indexOf(',');
            return isRetryPolicy(inner.substring(0, comma).trim()) && isRetryPolicy(inner.substring(comma + 1).trim());
        }
        return false;
    }
}
