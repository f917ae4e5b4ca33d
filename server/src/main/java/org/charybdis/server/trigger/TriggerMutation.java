package org.charybdis.server.trigger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mutation a {@link Trigger} asks for, on any table: an upsert (INSERT: the row's primary key and the columns to set,
 * a null value deleting that column) or a delete (the partition key alone deletes the partition; the whole primary key,
 * the row). Values are Java values of the columns' types, as in {@link PartitionWrite}; columns of non-frozen
 * collections and user types cannot be set. Unless {@link #at} says otherwise, the mutation takes the base write's
 * timestamp.
 *
 * <pre>{@code
 * TriggerMutation.upsert("shop", "audit").set("id", UUID.randomUUID()).set("what", "insert");
 * TriggerMutation.delete("shop", "carts").set("user", 42);
 * }</pre>
 */
public final class TriggerMutation {
    /** What the mutation does to its row or partition. */
    public enum Kind { UPSERT, DELETE }

    private final Kind kind;
    private final String keyspace;
    private final String table;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private Long timestamp;

    private TriggerMutation(Kind kind, String keyspace, String table) {
        this.kind = kind;
        this.keyspace = keyspace;
        this.table = table;
    }

    /** An INSERT into {@code keyspace.table}: set its primary key columns and the columns to write. */
    public static TriggerMutation upsert(String keyspace, String table) {
        return new TriggerMutation(Kind.UPSERT, keyspace, table);
    }

    /** A DELETE from {@code keyspace.table}: set the partition key (and the clustering columns to delete one row). */
    public static TriggerMutation delete(String keyspace, String table) {
        return new TriggerMutation(Kind.DELETE, keyspace, table);
    }

    /** Sets a column's value (a key column's, for a delete); null deletes the column of an upsert. */
    public TriggerMutation set(String column, Object value) {
        values.put(column, value);
        return this;
    }

    /** Writes at this timestamp (microseconds) rather than the base write's. */
    public TriggerMutation at(long timestampMicros) {
        this.timestamp = timestampMicros;
        return this;
    }

    public Kind kind() { return kind; }

    public String keyspace() { return keyspace; }

    public String table() { return table; }

    /** The columns set, by name, in the order they were set. */
    public Map<String, Object> values() { return Collections.unmodifiableMap(values); }

    /** The timestamp {@link #at} chose, or null for the base write's. */
    public Long timestamp() { return timestamp; }

    @Override
    public String toString() {
        return kind + " " + keyspace + "." + table + " " + values;
    }
}
