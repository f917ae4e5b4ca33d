package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;

/**
 * Purging on the RocksDB engine, by its compaction filter: tombstones and expired cells go once gc_grace_seconds have
 * passed, and not before; what they shadowed went when they were written, so nothing comes back.
 */
class RocksPurgeTest {
    private static final long NOW = System.currentTimeMillis() / 1000;
    private static final int GC_GRACE = 100;
    private final TableLayout base = TestTables.rocksLayout();
    private final TableLayout layout = new TableLayout(base.tableId(), base.keyspace(), base.table(), 1, base.clusteringComparator(),
            base.columns(), GC_GRACE, 0, StorageParams.DEFAULT.withEngine(StorageParams.Engine.ROCKSDB));
    private LsmTestNode node;
    private TableEngine table;

    @BeforeEach
    void open() throws IOException {
        node = new LsmTestNode(4 << 20);
        node.clock(NOW);
        node.open(List.of(layout));
        table = node.table(layout);
    }

    @AfterEach
    void close() throws IOException {
        node.close();
    }

    @Test
    void aPartitionTombstoneStaysUntilGcGraceThenGoesWithNothingComingBack() {
        write(1, b -> b.row(ck(1, "a")).marker(10, 0, NOW).cell(V1, i(1), 10, 0, NOW));
        node.flush(table);
        write(1, b -> b.deletePartition(20, NOW));

        node.clock(NOW + GC_GRACE - 1);
        node.compact(table);
        assertThat(keys()).as("the shadowed row went with the write; the tombstone stays").isEqualTo(1);
        write(1, b -> b.row(ck(2, "a")).marker(15, 0, NOW)); // older than the tombstone: shadowed
        assertThat(node.read(table, key(1), ReadFilter.ALL, NOW + GC_GRACE - 1)).isNull();

        node.clock(NOW + GC_GRACE + 1);
        node.compact(table);
        assertThat(keys()).as("tombstone purged; the row it shadowed never came back").isZero();
        assertThat(node.read(table, key(1), ReadFilter.ALL, NOW + GC_GRACE + 1)).isNull();
        write(1, b -> b.row(ck(3, "a")).marker(15, 0, NOW)); // as old, but the tombstone is gone (as in Cassandra)
        assertThat(node.read(table, key(1), ReadFilter.ALL, NOW + GC_GRACE + 1)).isNotNull();
    }

    @Test
    void expiredCellsAndRowTombstonesArePurgedAfterGcGrace() {
        write(1, b -> b.row(ck(1, "a")).cell(V1, i(1), 10, 5, NOW));
        write(2, b -> b.row(ck(1, "a")).marker(11, 0, NOW));
        write(3, b -> b.row(ck(1, "a")).delete(12, NOW));
        node.clock(NOW + 10);
        node.compact(table);
        assertThat(keys()).as("expired and deleted, but within gc_grace: kept").isEqualTo(3);
        node.clock(NOW + GC_GRACE + 10);
        node.compact(table);
        assertThat(keys()).isEqualTo(1);
        assertThat(node.read(table, key(2), ReadFilter.ALL, NOW + GC_GRACE + 10)).isNotNull();
    }

    /** Keys in the table's column family (RocksDB's estimate, exact after a major compaction). */
    private long keys() {
        return node.stats(table).partitionCount();
    }

    private void write(int pk, Consumer<PartitionUpdate.Builder> build) {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(pk));
        build.accept(b);
        node.write(table, b.build());
    }
}
