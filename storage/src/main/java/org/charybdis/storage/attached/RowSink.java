package org.charybdis.storage.attached;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.Iterator;
import java.util.List;

/**
 * Receives the rows an index reads, partition by partition in table order: a partition's static row's cells first
 * (the entries of partition-level indexes), then each regular row. The same whether they come from a write, a
 * memtable or an SSTable.
 */
@FunctionalInterface
public interface RowSink {
    /** The partition's static row's cells (empty without a static row), before its rows; ignored by row-level sinks. */
    default void partition(DecoratedKey partition, List<Cell> staticCells) {}

    void row(DecoratedKey partition, Clustering clustering, List<Cell> cells);

    /** Hands a write's partition to {@code sink}. */
    static void feed(PartitionUpdate update, RowSink sink) {
        sink.partition(update.key(), update.staticRow() == null ? List.of() : update.staticRow().cells());
        for (RowUpdate row : update.rows()) sink.row(update.key(), row.clustering(), row.cells());
    }

    /** Hands a stored partition (of a memtable or an SSTable) to {@code sink}. */
    static void feed(PartitionFragment partition, RowSink sink) {
        sink.partition(partition.key(), partition.staticRow() == null ? List.of() : partition.staticRow().cells());
        for (Iterator<Row> rows = partition.rows(Slice.ALL, false); rows.hasNext(); ) {
            Row row = rows.next();
            sink.row(partition.key(), row.clustering(), row.cells());
        }
    }
}
