package org.charybdis.server.index;

import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.server.schema.ClusteringComparatorBuilder;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableLayouts;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ByteOrderedEncoding;
import org.charybdis.storage.data.LivenessInfo;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.TableLayout;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * How one index of a table stores its entries in its hidden local table. The index table's partition key is
 * the indexed value (prefixed with {@link #ENTRY}); its clustering is the base row's position: the token and
 * partition key of the base partition, then (for indexes of regular and clustering columns) the base clustering,
 * then (for collection indexes) the element's cell path. Entries sort in base token order, so results come
 * back in the order a table scan returns them. An entry holds only a row marker: its liveness follows the
 * indexed cell (timestamp and TTL), so expired cells leave no live entry. Entries are never deleted when the
 * base changes: every hit is checked against the base row when read (as Cassandra does).
 * <p>
 * Partition {@link #BUILT_KEY} holds a static cell once the initial build finished, so a restart knows.
 */
public final class IndexedColumn {
    /** Prefix of every entry partition's key. */
    static final byte ENTRY = 1;
    /** The partition marking a finished build; no entry key is this short. */
    static final ByteBuffer BUILT_KEY = ByteBuffer.wrap(new byte[] {0});
    /** The static column of the index table that marks the finished build. */
    static final int BUILT_COLUMN = 0;

    private final TableMetadata table;
    private final IndexMetadata index;
    private final ColumnMetadata column;
    private final boolean partitionLevel;
    private final boolean withPath;

    public IndexedColumn(TableMetadata table, IndexMetadata index) {
        this.table = table;
        this.index = index;
        this.column = table.column(index.column());
        if (column == null) throw new IllegalArgumentException("index " + index.name() + " on unknown column " + index.column());
        this.partitionLevel = isPartitionLevel(column);
        this.withPath = column.type().isMultiCell();
    }

    public TableMetadata table() { return table; }

    public IndexMetadata index() { return index; }

    public ColumnMetadata column() { return column; }

    /** True when entries point at partitions (static and partition key columns), not at rows. */
    public boolean partitionLevel() { return partitionLevel; }

    /** True when an index of {@code column} points at partitions (static and partition key columns), not at rows. */
    public static boolean isPartitionLevel(ColumnMetadata column) {
        return column.kind() == ColumnMetadata.Kind.PARTITION_KEY || column.isStatic();
    }

    /** The key of the index partition holding the entries of {@code value} (as computed by {@link #lookupValue}). */
    public static DecoratedKey entryKey(ByteBuffer value) {
        ByteBuffer key = ByteBuffer.allocate(1 + value.remaining());
        key.put(ENTRY).put(value.duplicate()).flip();
        return DecoratedKey.of(key);
    }

    /** The value an {@code m[k] = v} lookup lands on: the map key and value together. */
    public static ByteBuffer entryValue(ByteBuffer mapKey, ByteBuffer mapValue) {
        ByteBuffer out = ByteBuffer.allocate(4 + mapKey.remaining() + mapValue.remaining());
        out.putInt(mapKey.remaining()).put(mapKey.duplicate()).put(mapValue.duplicate());
        return out.flip();
    }

    /** The storage layout of the index table. */
    public TableLayout layout() {
        ClusteringComparatorBuilder clustering = new ClusteringComparatorBuilder()
                .add(NativeType.BIGINT, false) // the token
                .add(UnsignedBytes.ORDER, false, ByteOrderedEncoding.UNSIGNED_BYTES); // the partition key
        if (!partitionLevel) {
            for (ColumnMetadata c : table.clustering()) clustering.add(c.type(), c.reversed());
        }
        if (withPath) clustering.add(UnsignedBytes.ORDER, false, ByteOrderedEncoding.UNSIGNED_BYTES);
        TableLayout base = TableLayouts.of(table);
        return new TableLayout(index.id(), table.keyspace(), table.name() + "." + index.name(), 1,
                clustering.build(), List.of(ColumnLayout.simple(BUILT_COLUMN, true)),
                base.gcGraceSeconds(), 0, base.storageParams());
    }

    /** The first clustering components of every entry of the base partition: its token and key. */
    static ByteBuffer[] partitionPrefix(DecoratedKey key) {
        return new ByteBuffer[] {ByteBuffer.allocate(8).putLong(0, key.token()), key.key()};
    }

    /** The base partition an entry points to. */
    public static DecoratedKey basePartition(Clustering entry) {
        ByteBuffer token = entry.get(0);
        return new DecoratedKey(token.getLong(token.position()), entry.get(1));
    }

    /** The base row an entry of a row-level index points to. */
    public Clustering baseClustering(Clustering entry) {
        ByteBuffer[] components = new ByteBuffer[table.clustering().size()];
        for (int i = 0; i < components.length; i++) components[i] = entry.get(2 + i);
        return Clustering.of(components);
    }

    /**
     * Adds the entries of one row (written or read) of a base partition. {@code clustering} is
     * {@link Clustering#STATIC} for the static row; {@code hasData} says whether the row holds anything live
     * (a marker or a non-tombstone cell), which is what key column indexes record.
     */
    void addEntries(IndexEntries entries, DecoratedKey key, ByteBuffer[] keyComponents, Clustering clustering,
                    LivenessInfo marker, List<Cell> cells) {
        boolean staticRow = clustering.isStatic();
        switch (column.kind()) {
            case PARTITION_KEY -> {
                long timestamp = dataTimestamp(marker, cells);
                if (timestamp != LivenessInfo.NO_TIMESTAMP) {
                    entries.add(keyComponents[column.position()], entryClustering(key, null, null), LivenessInfo.of(timestamp, 0, 0));
                }
            }
            case CLUSTERING -> {
                if (staticRow) return;
                long timestamp = dataTimestamp(marker, cells);
                if (timestamp != LivenessInfo.NO_TIMESTAMP) {
                    entries.add(clustering.get(column.position()), entryClustering(key, clustering, null), LivenessInfo.of(timestamp, 0, 0));
                }
            }
            case STATIC, REGULAR -> {
                if (staticRow != column.isStatic()) return;
                for (Cell cell : cells) {
                    if (cell.column() != column.id() || cell.isTombstone()) continue;
                    ByteBuffer value = indexedValue(cell);
                    LivenessInfo liveness = cell.isExpiring()
                            ? new LivenessInfo(cell.timestamp(), cell.ttl(), cell.expirationTime())
                            : LivenessInfo.of(cell.timestamp(), 0, 0);
                    entries.add(value, entryClustering(key, staticRow ? null : clustering, cell.path()), liveness);
                }
            }
        }
    }

    /** What the index holds of a cell: the value, the element, the map key, or key and value. */
    private ByteBuffer indexedValue(Cell cell) {
        if (cell.path() == null) return cell.value();
        return switch (index.target()) {
            case KEYS -> cell.path();
            case ENTRIES -> entryValue(cell.path(), cell.value());
            default -> column.type() instanceof SetType ? cell.path() : cell.value();
        };
    }

    private Clustering entryClustering(DecoratedKey key, Clustering clustering, ByteBuffer path) {
        int size = 2 + (partitionLevel ? 0 : table.clustering().size()) + (withPath ? 1 : 0);
        ByteBuffer[] components = new ByteBuffer[size];
        ByteBuffer[] prefix = partitionPrefix(key);
        components[0] = prefix[0];
        components[1] = prefix[1];
        int at = 2;
        if (!partitionLevel) for (int i = 0; i < table.clustering().size(); i++) components[at++] = clustering.get(i);
        if (withPath) components[at] = path;
        return Clustering.of(components);
    }

    /** The highest timestamp of the row's live data, or NO_TIMESTAMP when it holds none. */
    private static long dataTimestamp(LivenessInfo marker, List<Cell> cells) {
        long timestamp = marker.isEmpty() ? LivenessInfo.NO_TIMESTAMP : marker.timestamp();
        for (Cell cell : cells) if (!cell.isTombstone()) timestamp = Math.max(timestamp, cell.timestamp());
        return timestamp;
    }
}
