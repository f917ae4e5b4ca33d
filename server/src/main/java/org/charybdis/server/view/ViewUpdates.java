package org.charybdis.server.view;

import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ComplexDeletion;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.LivenessInfo;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;
import org.charybdis.storage.data.RowResolver;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.TableLayout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The view updates one base partition update makes, given the base rows it touches as they were before (read on the
 * owning shard in the partition's turn, so no other write to it runs in between). For each touched row and view: when
 * the row leaves a view row (deleted, its view key changed or nulled, filtered out), that view row is deleted at the
 * update's timestamp; when it lands on a view row, that row is written whole (liveness and every live cell of the
 * columns the view holds), plus the update's cell deletions.
 */
final class ViewUpdates {
    private final List<ViewRow> views;
    private final TableLayout baseLayout;
    private final long now;
    /** The view updates by view, then by view partition key. */
    private final Map<ViewRow, Map<ByteBuffer, PartitionUpdate.Builder>> out = new LinkedHashMap<>();

    ViewUpdates(List<ViewRow> views, TableLayout baseLayout, long nowInSeconds) {
        this.views = views;
        this.baseLayout = baseLayout;
        this.now = nowInSeconds;
    }

    /** Whether the base update needs the whole partition read (partition or range deletions), not only its rows. */
    static boolean readsWholePartition(PartitionUpdate update) {
        return !update.partitionDeletion().isLive() || !update.rangeTombstones().isEmpty();
    }

    /** Adds the view updates of {@code update}; {@code before} holds the live base rows it may touch (may be empty). */
    void add(PartitionUpdate update, List<Row> before) {
        ByteBuffer[] baseKey = PartitionKeys.split(update.key().key(), views.getFirst().baseKeySize());
        Map<Clustering, Row> existing = new LinkedHashMap<>();
        for (Row row : before) existing.put(row.clustering(), row);
        Map<Clustering, RowUpdate> written = new LinkedHashMap<>();
        for (RowUpdate row : update.rows()) written.put(row.clustering(), row);
        for (Row row : before) {
            if (!written.containsKey(row.clustering())) touch(update, baseKey, row, null);
        }
        for (RowUpdate row : update.rows()) touch(update, baseKey, existing.get(row.clustering()), row);
    }

    /** Adds the view rows of base rows that exist already (a view's build): each lands on its view row, if any. */
    void addExisting(DecoratedKey key, List<Row> rows) {
        ByteBuffer[] baseKey = PartitionKeys.split(key.key(), views.getFirst().baseKeySize());
        for (Row row : rows) {
            for (ViewRow view : views) {
                ViewRow.Key viewKey = view.keyOf(baseKey, row);
                if (viewKey != null) writeRow(view, viewKey, row, false);
            }
        }
    }

    /** The collected updates, per view. */
    Map<ViewRow, List<PartitionUpdate>> updates() {
        Map<ViewRow, List<PartitionUpdate>> result = new LinkedHashMap<>();
        out.forEach((view, partitions) -> {
            List<PartitionUpdate> built = new ArrayList<>(partitions.size());
            for (PartitionUpdate.Builder builder : partitions.values()) built.add(builder.build());
            result.put(view, built);
        });
        return result;
    }

    private void touch(PartitionUpdate update, ByteBuffer[] baseKey, Row before, RowUpdate written) {
        DeletionTime inherited = inheritedDeletion(update, written != null ? written.clustering() : before.clustering());
        if (written == null && inherited.isLive()) return; // untouched
        Row merged = written == null ? before : RowMerger.merge(before, written, baseLayout);
        Row after = RowResolver.resolve(merged, inherited, now, column -> true, null);
        long timestamp = updateTimestamp(update, written);
        for (ViewRow view : views) {
            ViewRow.Key oldKey = view.keyOf(baseKey, before);
            ViewRow.Key newKey = view.keyOf(baseKey, after);
            boolean moved = oldKey != null && !oldKey.equals(newKey);
            if (moved) builder(view, oldKey.partitionKey()).row(oldKey.clustering()).delete(timestamp, now);
            if (newKey == null) continue;
            // a new view row starts above what a tombstone left there may shadow
            RowUpdate row = writeRow(view, newKey, after, oldKey == null || moved);
            if (written == null) continue;
            for (Cell cell : written.cells()) {
                if (cell.isTombstone() && view.viewColumn(cell.column()) >= 0) row.add(new Cell(view.viewColumn(cell.column()), cell.path(),
                        cell.value(), cell.timestamp(), cell.ttl(), cell.localDeletionTime()));
            }
            for (ComplexDeletion deletion : written.complexDeletions()) {
                int column = view.viewColumn(deletion.column());
                if (column >= 0) row.deleteComplex(column, deletion.deletion().markedForDeleteAt(), now);
            }
        }
    }

    /** Writes the whole view row of a live base row, its cells' timestamps raised to the row's when it is new there. */
    private RowUpdate writeRow(ViewRow view, ViewRow.Key key, Row base, boolean newRow) {
        LivenessInfo liveness = view.liveness(base);
        long minTimestamp = newRow ? liveness.timestamp() : LivenessInfo.NO_TIMESTAMP;
        RowUpdate row = builder(view, key.partitionKey()).row(key.clustering()).liveness(liveness);
        for (Cell cell : base.cells()) {
            if (view.viewColumn(cell.column()) >= 0) row.add(view.copy(cell, minTimestamp, liveness));
        }
        return row;
    }

    private PartitionUpdate.Builder builder(ViewRow view, ByteBuffer partitionKey) {
        return out.computeIfAbsent(view, v -> new LinkedHashMap<>())
                .computeIfAbsent(partitionKey, key -> PartitionUpdate.builder(DecoratedKey.of(key)));
    }

    /** The partition and range deletions of the update that cover the row. */
    private DeletionTime inheritedDeletion(PartitionUpdate update, Clustering clustering) {
        DeletionTime deletion = update.partitionDeletion();
        ClusteringComparator comparator = baseLayout.clusteringComparator();
        for (RangeTombstone tombstone : update.rangeTombstones()) {
            if (comparator.contains(tombstone.slice(), clustering)) deletion = DeletionTime.max(deletion, tombstone.deletion());
        }
        return deletion;
    }

    /** The newest timestamp the update writes or deletes the row at: what a view row it leaves is deleted at. */
    private static long updateTimestamp(PartitionUpdate update, RowUpdate row) {
        long timestamp = update.partitionDeletion().markedForDeleteAt();
        for (RangeTombstone tombstone : update.rangeTombstones()) timestamp = Math.max(timestamp, tombstone.deletion().markedForDeleteAt());
        if (row == null) return timestamp;
        if (!row.liveness().isEmpty()) timestamp = Math.max(timestamp, row.liveness().timestamp());
        timestamp = Math.max(timestamp, row.deletion().markedForDeleteAt());
        for (Cell cell : row.cells()) timestamp = Math.max(timestamp, cell.timestamp());
        for (ComplexDeletion deletion : row.complexDeletions()) timestamp = Math.max(timestamp, deletion.deletion().markedForDeleteAt());
        return timestamp;
    }

    /** The live rows of a read, for {@link #add}. */
    static List<Row> rowsOf(org.charybdis.storage.engine.PartitionView view) {
        List<Row> rows = new ArrayList<>();
        if (view == null) return rows;
        for (Iterator<Row> it = view.rows(); it.hasNext(); ) rows.add(it.next());
        return rows;
    }
}
