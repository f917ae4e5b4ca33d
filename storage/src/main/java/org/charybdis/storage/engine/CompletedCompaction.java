package org.charybdis.storage.engine;

import java.util.Map;
import java.util.UUID;

/**
 * A compaction that finished and replaced its inputs, as {@code system.compaction_history} records it.
 *
 * @param rowsMerged how many partitions were found in how many inputs: {1: 900, 2: 100} means 100 partitions were
 *                   merged from two SSTables (Cassandra's {@code rows_merged})
 */
public record CompletedCompaction(UUID id, String keyspace, String table, long compactedAtMillis, long bytesIn, long bytesOut,
                                  Map<Integer, Long> rowsMerged) {
    public CompletedCompaction {
        rowsMerged = Map.copyOf(rowsMerged);
    }
}
