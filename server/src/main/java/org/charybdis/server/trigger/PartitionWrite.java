package org.charybdis.server.trigger;

import java.util.List;
import java.util.Map;

/**
 * What one write does to one partition of a table with triggers, as a trigger sees it. Values are Java values of the
 * columns' CQL types, as the Java driver maps them (int: Integer, text: String, timestamp: java.time.Instant, ...; see
 * docs/triggers.md).
 *
 * @param keyspace          the table's keyspace
 * @param table             the table's name
 * @param partitionKey      the partition key columns' values, by column name, in key order
 * @param partitionDeletion whether the write deletes the whole partition (DELETE with only the partition key)
 * @param rangeDeletion     whether the write deletes ranges of rows (DELETE with a partial clustering key or a range)
 * @param rows              the rows the write changes, the static row (if any) first
 * @param timestamp         the write's timestamp in microseconds (its newest, when a batch mixes several)
 */
public record PartitionWrite(String keyspace, String table, Map<String, Object> partitionKey, boolean partitionDeletion,
                             boolean rangeDeletion, List<RowWrite> rows, long timestamp) {

    /**
     * One row of the write.
     *
     * @param clustering the clustering columns' values by name (empty for the static row and tables without them)
     * @param isStatic   whether this is the partition's static row
     * @param deleted    whether the write deletes the row
     * @param values     the columns the write sets, by name: a value, or null for a column it deletes. A non-frozen
     *                   collection or user type written element by element shows as null here (see {@code changed})
     * @param changed    every column the write touches, by name, collections and user types included
     */
    public record RowWrite(Map<String, Object> clustering, boolean isStatic, boolean deleted, Map<String, Object> values,
                           List<String> changed) {}
}
