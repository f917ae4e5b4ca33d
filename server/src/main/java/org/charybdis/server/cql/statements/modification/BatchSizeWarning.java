package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.service.PartitionWrites;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.ComplexDeletion;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.RowUpdate;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cassandra's warning on a large batch: one writing more than one partition (writes of one keyspace's tables under the
 * same key count as one, as Cassandra's mutations do) whose data is over {@code batch_size_warn_threshold_in_kb}. The
 * data is reckoned as Cassandra 5.0 reckons it, so the sizes in the warning are the ones it gives: per partition its
 * deletion and static row, per row its clustering, liveness and deletion, per cell its value with its timestamp, TTL
 * and deletion time.
 */
final class BatchSizeWarning {
    /** A partition's deletion time and empty static row. */
    private static final int PARTITION = 8 + 21;
    /** A row's liveness (a timestamp, with a TTL and expiry when expiring) and deletion (a time and a flag). */
    private static final int ROW = 8 + 13;
    private static final int EXPIRING_LIVENESS = 12;
    private static final int COMPLEX_COLUMN = 12;
    private static final int RANGE_TOMBSTONES = 4;
    private static final int RANGE_TOMBSTONE = 12;

    private BatchSizeWarning() {}

    static void check(PartitionWrites writes, ExecutionContext context) {
        Set<String> tables = new HashSet<>(); // Cassandra's set, so that several tables are listed in its order
        Set<List<Object>> mutations = new HashSet<>();
        long size = 0;
        for (PartitionWrites.Partition partition : writes.partitions()) {
            tables.add(partition.table().keyspace() + "." + partition.table().name());
            mutations.add(List.of(partition.table().keyspace(), partition.key().key()));
            size += dataSize(partition.builder().build());
        }
        if (mutations.size() <= 1) return;
        long threshold = (long) context.server().config().get(ServerConfig.BATCH_SIZE_WARN_THRESHOLD_IN_KB) << 10;
        if (size <= threshold) return;
        context.warnings().add("Batch for " + tables + " is of size " + size + ", exceeding specified threshold of " + threshold
                + " by " + (size - threshold) + ".");
    }

    private static long dataSize(PartitionUpdate update) {
        long size = PARTITION;
        if (!update.rangeTombstones().isEmpty()) size += RANGE_TOMBSTONES;
        for (RangeTombstone tombstone : update.rangeTombstones()) {
            size += tombstone.slice().start().dataSize() + tombstone.slice().end().dataSize() + RANGE_TOMBSTONE;
        }
        if (update.staticRow() != null) size += columnsSize(update.staticRow());
        for (RowUpdate row : update.rows()) {
            size += row.clustering().dataSize() + ROW + (row.liveness().isExpiring() ? EXPIRING_LIVENESS : 0) + columnsSize(row);
        }
        return size;
    }

    /** The cells, and for each collection or UDT column the deletion time it carries even when it deletes nothing. */
    private static long columnsSize(RowUpdate row) {
        long size = 0;
        Set<Integer> complex = new HashSet<>();
        for (Cell cell : row.cells()) {
            size += cell.dataSize();
            if (cell.path() != null) complex.add(cell.column());
        }
        for (ComplexDeletion deletion : row.complexDeletions()) complex.add(deletion.column());
        return size + (long) COMPLEX_COLUMN * complex.size();
    }
}
