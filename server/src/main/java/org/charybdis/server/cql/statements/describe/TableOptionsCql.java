package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.TableParams;
import org.charybdis.storage.engine.StorageParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table options of a CREATE TABLE, in the order and format Cassandra 5.0's DESCRIBE prints them
 * (alphabetical but for {@code memtable}, which follows {@code compression}). Every option is printed,
 * defaults included, so the statement recreates the table exactly; our {@code storage_engine}, which Cassandra does
 * not know, only when it is not the default, so default tables print as Cassandra prints them.
 */
final class TableOptionsCql {
    private TableOptionsCql() {}

    /** One {@code name = value} per option, in print order. */
    static List<String> options(TableParams params) {
        List<String> out = new ArrayList<>(19);
        out.add("additional_write_policy = " + CqlText.quoted(RetryPolicyText.canonical(text(params, "additional_write_policy"))));
        out.add("allow_auto_snapshot = " + bool(params, "allow_auto_snapshot"));
        out.add("bloom_filter_fp_chance = " + decimal(params, "bloom_filter_fp_chance"));
        out.add("caching = " + CqlText.map(map(params, TableParams.CACHING)));
        out.add("cdc = " + bool(params, "cdc"));
        out.add("comment = " + CqlText.quoted(text(params, "comment")));
        out.add("compaction = " + CqlText.map(map(params, TableParams.COMPACTION)));
        out.add("compression = " + CqlText.map(map(params, TableParams.COMPRESSION)));
        out.add("memtable = " + CqlText.quoted(text(params, "memtable")));
        out.add("crc_check_chance = " + decimal(params, "crc_check_chance"));
        out.add("default_time_to_live = " + integer(params, TableParams.DEFAULT_TIME_TO_LIVE));
        out.add("extensions = " + CqlText.blobMap(map(params, "extensions")));
        out.add("gc_grace_seconds = " + integer(params, TableParams.GC_GRACE_SECONDS));
        out.add("incremental_backups = " + bool(params, "incremental_backups"));
        out.add("max_index_interval = " + integer(params, "max_index_interval"));
        out.add("memtable_flush_period_in_ms = " + integer(params, "memtable_flush_period_in_ms"));
        out.add("min_index_interval = " + integer(params, "min_index_interval"));
        out.add("read_repair = " + CqlText.quoted(text(params, "read_repair").toUpperCase(Locale.ROOT)));
        out.add("speculative_retry = " + CqlText.quoted(RetryPolicyText.canonical(text(params, "speculative_retry"))));
        StorageParams.Engine engine = params.storageEngine();
        if (engine != StorageParams.Engine.CHARYBDIS) out.add(TableParams.STORAGE_ENGINE + " = " + CqlText.quoted(engine.optionValue()));
        return out;
    }

    private static Object value(TableParams params, String name) {
        Object value = params.get(name);
        return value != null ? value : TableParams.defaultValue(name);
    }

    private static String text(TableParams params, String name) {
        return String.valueOf(value(params, name));
    }

    private static String bool(TableParams params, String name) {
        Object value = value(params, name);
        return value instanceof Boolean b ? b.toString() : Boolean.toString(Boolean.parseBoolean(String.valueOf(value)));
    }

    /** Java's double printing, as Cassandra's: 0.01, 1.0, 1.0E-4. */
    private static String decimal(TableParams params, String name) {
        Object value = value(params, name);
        return Double.toString(value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value)));
    }

    private static String integer(TableParams params, String name) {
        Object value = value(params, name);
        return value instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(TableParams params, String name) {
        Object value = value(params, name);
        return value instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }
}
