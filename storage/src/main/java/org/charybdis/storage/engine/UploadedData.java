package org.charybdis.storage.engine;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.ComplexDeletion;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;

/**
 * A file a user put in a table's upload directory ({@code nodetool refresh}): an SSTable of ours or a RocksDB table's
 * SST file, read partition by partition as the updates that write its content again. Its partitions may belong to any
 * shard, so the caller sends each update to its owner's write path.
 */
public interface UploadedData extends AutoCloseable {
    /** A partition larger than this is written as several updates, so none outgrows a commitlog entry. */
    long UPDATE_BYTES = 256 << 10;

    /** The next partition as one or more updates; null after the last. */
    CompletableFuture<List<PartitionUpdate>> next();

    /** Closes the file; it stays on disk. */
    @Override
    void close();

    /**
     * A stored partition as the updates that write its content again: deletions, TTLs and timestamps as stored, cells
     * under the ids {@code columns} maps them to (left out when negative), several updates for a large partition.
     */
    static List<PartitionUpdate> updatesOf(PartitionFragment partition, IntUnaryOperator columns) {
        List<PartitionUpdate> updates = new ArrayList<>(1);
        PartitionUpdate.Builder builder = PartitionUpdate.builder(partition.key());
        DeletionTime deletion = partition.partitionDeletion();
        if (!deletion.isLive()) builder.deletePartition(deletion.markedForDeleteAt(), deletion.localDeletionTime());
        for (RangeTombstone range : partition.rangeTombstones()) {
            builder.deleteRange(range.slice(), range.deletion().markedForDeleteAt(), range.deletion().localDeletionTime());
        }
        if (partition.staticRow() != null) copy(partition.staticRow(), builder.staticRow(), columns);
        long bytes = 0;
        for (Iterator<Row> rows = partition.rows(Slice.ALL, false); rows.hasNext(); ) {
            Row row = rows.next();
            copy(row, builder.row(row.clustering()), columns);
            bytes += row.dataSize();
            if (bytes >= UPDATE_BYTES && rows.hasNext()) {
                updates.add(builder.build());
                builder = PartitionUpdate.builder(partition.key());
                bytes = 0;
            }
        }
        updates.add(builder.build());
        return updates;
    }

    private static void copy(Row row, RowUpdate into, IntUnaryOperator columns) {
        if (!row.liveness().isEmpty()) into.liveness(row.liveness());
        if (!row.deletion().isLive()) into.delete(row.deletion().markedForDeleteAt(), row.deletion().localDeletionTime());
        for (ComplexDeletion complex : row.complexDeletions()) {
            int column = columns.applyAsInt(complex.column());
            if (column >= 0) into.deleteComplex(column, complex.deletion().markedForDeleteAt(), complex.deletion().localDeletionTime());
        }
        for (Cell cell : row.cells()) {
            int column = columns.applyAsInt(cell.column());
            if (column < 0) continue;
            into.add(column == cell.column() ? cell
                    : new Cell(column, cell.path(), cell.value(), cell.timestamp(), cell.ttl(), cell.localDeletionTime()));
        }
    }
}
