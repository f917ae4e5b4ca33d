package org.charybdis.server.service;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one partition of a counter table on its owning shard. Counters are plain cells holding the
 * counter's total (a bigint): an increment reads the current total, adds its delta and writes the new total
 * as a regular cell. Its timestamp is the statement's (the client's default timestamp, else the server's
 * clock), as Cassandra's counter writes use, so that increments and deletions from one client apply in the
 * order it sent them; it is raised above the totals read, so a new total always replaces the old one even
 * when clients' clocks disagree.
 * <p>
 * Why this is safe on a single node: every write of a partition runs on the shard owning it, and a counter
 * table's writes (increments and deletions alike) each run in the partition's turn of the shard's
 * {@link org.charybdis.storage.engine.PartitionSequencer}, from the read to the completed write. No other write
 * of the partition, nor a lightweight transaction, can come between an increment's read and its write, so
 * concurrent increments never lose an update. Plain writes of other tables wait for running turns
 * ({@code drained}) as they do for transactions.
 * <p>
 * The commitlog holds the resulting totals, not the deltas, so replaying it after a crash is idempotent: a
 * replayed entry rewrites the same total at the same timestamp. This is where Charybdis differs from
 * Cassandra's counter contexts (per-replica shards merged at read time), which a single node does not need.
 */
final class CounterWrites {
    private CounterWrites() {}

    /** Reads the counters the partition's update increments, then writes the update with their new totals. */
    static CompletableFuture<Void> apply(ShardStorage storage, TableEngine engine, PartitionWrites.Partition partition, long now,
                                         long maxMutationBytes) {
        CounterIncrements increments = partition.increments();
        if (increments == null) return write(storage, engine, partition, maxMutationBytes);
        return engine.read(partition.key(), increments.readFilter(engine.layout().clusteringComparator()), now).thenCompose(view -> {
            Totals current = new Totals(view);
            List<CounterIncrements.Increment> all = increments.all();
            long[] totals = new long[all.size()];
            for (int i = 0; i < totals.length; i++) {
                totals[i] = current.total(all.get(i).clustering(), all.get(i).column()) + all.get(i).delta();
            }
            long timestamp = current.maxTimestamp == Long.MIN_VALUE ? increments.timestamp()
                    : Math.max(increments.timestamp(), current.maxTimestamp + 1);
            for (int i = 0; i < totals.length; i++) {
                ByteBuffer value = ByteBuffer.allocate(Long.BYTES).putLong(0, totals[i]);
                partition.row(all.get(i).clustering()).cell(all.get(i).column(), value, timestamp, 0, now);
            }
            return write(storage, engine, partition, maxMutationBytes);
        });
    }

    private static CompletableFuture<Void> write(ShardStorage storage, TableEngine engine, PartitionWrites.Partition partition,
                                                 long maxMutationBytes) {
        PartitionUpdate update = partition.builder().build();
        ReplicaWrites.checkSize(update, partition, maxMutationBytes);
        return storage.write(List.of(engine), List.of(update));
    }

    /** The live counter cells read, by row, and the newest timestamp among them. */
    private static final class Totals {
        private final Row staticRow;
        private final Map<Clustering, Row> rows = new HashMap<>();
        private long maxTimestamp = Long.MIN_VALUE;

        Totals(PartitionView view) {
            this.staticRow = view == null ? null : view.staticRow();
            if (view == null) return;
            Iterator<Row> iterator = view.rows();
            while (iterator.hasNext()) {
                Row row = iterator.next();
                rows.put(row.clustering(), row);
            }
        }

        /** The counter's current total, 0 when it has none; notes its timestamp. */
        long total(Clustering clustering, int column) {
            Row row = clustering.isStatic() ? staticRow : rows.get(clustering);
            Cell cell = row == null ? null : row.simpleCell(column);
            if (cell == null) return 0;
            maxTimestamp = Math.max(maxTimestamp, cell.timestamp());
            return cell.value().getLong(cell.value().position());
        }
    }
}
