package org.charybdis.storage.lsm;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.memory.MemoryTableEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.i;

/**
 * Reads of a table without clustering columns (one row per partition), where the LSM engine leaves out SSTables older
 * than what its memtables hold ({@link NewerInMemtables}): after random inserts, updates, deletions, TTLs and
 * timestamps (newer and older than what was flushed), flushes, compactions and restarts, every read answers what
 * the in-memory reference engine answers for the same writes; and an overwritten row is read from memory alone.
 */
class KeyValueReadsTest {
    private static final int V1 = 1;
    private static final int V2 = 2;
    private static final int M = 3;
    private static final int KEYS = 8;
    private static final TableLayout LAYOUT = new TableLayout(UUID.fromString("5b1d8b5e-3f5a-4a0e-9c59-0a1b2c3d4e5f"), "ks", "kv", 1,
            ClusteringComparator.none(), List.of(ColumnLayout.simple(V1, false), ColumnLayout.simple(V2, false),
            ColumnLayout.multiCell(M, false, UnsignedBytes.ORDER)), 864000, 0);

    private LsmTestNode node;

    @AfterEach
    void close() throws IOException {
        if (node != null) node.close();
    }

    @Test
    void readsMatchTheReferenceEngineWhateverTheSSTablesHold() throws IOException {
        for (int seed = 1; seed <= 8; seed++) {
            if (node != null) node.close();
            node = new LsmTestNode(4 << 20);
            node.open(List.of(LAYOUT));
            runRound(seed);
        }
    }

    @Test
    void aRowWrittenWholeSinceTheFlushIsReadFromMemoryAlone() throws IOException {
        node = new LsmTestNode(4 << 20);
        node.open(List.of(LAYOUT));
        TableEngine lsm = node.table(LAYOUT);
        long now = 1000;
        node.write(lsm, insert(1, 10, now, 7, 8));
        node.flush(lsm);
        node.write(lsm, insert(1, 20, now, 9, 10));
        ReadFilter simpleColumns = new ReadFilter(List.of(Slice.ALL), false, columns(V1, V2), true);
        long before = node.stats(lsm).sstablesRead();
        assertThat(render(node.read(lsm, DecoratedKey.of(i(1)), simpleColumns, now))).isEqualTo("[marker@20 1=9@20, 2=10@20]");
        assertThat(node.stats(lsm).sstablesRead() - before).as("the flushed row is older than every fetched cell").isZero();
        before = node.stats(lsm).sstablesRead();
        assertThat(render(node.read(lsm, DecoratedKey.of(i(1)), ReadFilter.ALL, now))).as("with the collection").isEqualTo("[marker@20 1=9@20, 2=10@20]");
        assertThat(node.stats(lsm).sstablesRead() - before).as("a collection merges element by element: read").isEqualTo(1);

        // an update without a marker, or of one column, still needs the flushed row
        PartitionUpdate.Builder update = PartitionUpdate.builder(DecoratedKey.of(i(2)));
        node.write(lsm, insert(2, 10, now, 1, 2));
        node.flush(lsm);
        update.row(Clustering.EMPTY).cell(V1, i(3), 30, 0, now).cell(V2, i(4), 30, 0, now);
        node.write(lsm, update.build());
        before = node.stats(lsm).sstablesRead();
        assertThat(render(node.read(lsm, DecoratedKey.of(i(2)), simpleColumns, now))).isEqualTo("[marker@10 1=3@30, 2=4@30]");
        assertThat(node.stats(lsm).sstablesRead() - before).isEqualTo(1);
    }

    private void runRound(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TableEngine lsm = node.table(LAYOUT);
        MemoryTableEngine reference = new MemoryTableEngine(LAYOUT);
        for (int step = 1; step <= 400; step++) {
            long now = 1000 + step / 20;
            long ts = step / 4 + random.nextInt(24) - 12; // mostly newer than what was flushed, sometimes older, often tied
            PartitionUpdate update = randomUpdate(random, random.nextInt(KEYS), ts, now);
            node.write(lsm, update);
            reference.apply(update);
            if (step % 15 == 0) {
                node.clock(now); // compactions purge by the test's clock, as reads expire by it
                switch (random.nextInt(4)) {
                    case 0 -> node.flush(lsm);
                    case 1 -> {
                        node.flush(lsm);
                        node.compact(lsm);
                    }
                    case 2 -> {
                        node.restart(List.of(LAYOUT));
                        lsm = node.table(LAYOUT);
                    }
                    default -> { }
                }
            }
            if (step % 5 == 0) {
                long readNow = now + random.nextInt(10);
                ReadFilter filter = randomFilter(random);
                for (int key = 0; key < KEYS; key++) {
                    DecoratedKey dk = DecoratedKey.of(i(key));
                    assertThat(render(node.read(lsm, dk, filter, readNow)))
                            .as("seed %d step %d key %d filter %s now %d", seed, step, key, filter.columns(), readNow)
                            .isEqualTo(render(reference.read(dk, filter, readNow).join()));
                }
            }
        }
        reference.close();
    }

    private static PartitionUpdate randomUpdate(SplittableRandom random, int key, long ts, long now) {
        int ttl = random.nextInt(4) == 0 ? 1 + random.nextInt(8) : 0;
        PartitionUpdate.Builder builder = PartitionUpdate.builder(DecoratedKey.of(i(key)));
        RowUpdate row = builder.row(Clustering.EMPTY);
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> row.marker(ts, ttl, now).cell(V1, value(random), ts, ttl, now).cell(V2, value(random), ts, ttl, now); // INSERT
            case 3 -> row.cell(V1, value(random), ts, ttl, now).cell(V2, value(random), ts, ttl, now); // UPDATE of both
            case 4 -> row.cell(random.nextBoolean() ? V1 : V2, value(random), ts, ttl, now);
            case 5 -> row.deleteCell(random.nextBoolean() ? V1 : V2, ts, now);
            case 6 -> row.cell(M, i(random.nextInt(3)), value(random), ts, ttl, now);
            case 7 -> row.delete(ts, now);
            case 8 -> builder.deletePartition(ts, now);
            default -> row.marker(ts, ttl, now).cell(V1, value(random), ts, ttl, now); // INSERT of one column
        }
        return builder.build();
    }

    private static ByteBuffer value(SplittableRandom random) {
        return i(random.nextInt(4));
    }

    private static ReadFilter randomFilter(SplittableRandom random) {
        BitSet columns = null;
        if (random.nextBoolean()) {
            columns = new BitSet();
            for (int c : new int[]{V1, V2, M}) if (random.nextBoolean()) columns.set(c);
        }
        return new ReadFilter(List.of(Slice.ALL), false, columns, true);
    }

    private static BitSet columns(int... ids) {
        BitSet set = new BitSet();
        for (int id : ids) set.set(id);
        return set;
    }

    private static PartitionUpdate insert(int key, long ts, long now, int v1, int v2) {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(DecoratedKey.of(i(key)));
        builder.row(Clustering.EMPTY).marker(ts, 0, now).cell(V1, i(v1), ts, 0, now).cell(V2, i(v2), ts, 0, now);
        return builder.build();
    }

    /** What a read answers: each row's marker and cells (value, timestamp, TTL); null for no partition. */
    private static String render(PartitionView view) {
        if (view == null) return null;
        List<String> rows = new ArrayList<>();
        view.rows().forEachRemaining(row -> rows.add(render(row)));
        return String.join(" | ", rows.stream().map(r -> "[" + r + "]").toList());
    }

    private static String render(Row row) {
        StringBuilder out = new StringBuilder();
        if (!row.liveness().isEmpty()) out.append("marker@").append(row.liveness().timestamp()).append(row.liveness().ttl() > 0 ? " ttl " : " ");
        if (!row.deletion().isLive()) out.append("deleted@").append(row.deletion().markedForDeleteAt()).append(' ');
        List<String> cells = new ArrayList<>();
        for (Cell c : row.cells()) {
            cells.add(c.column() + (c.path() == null ? "" : ":" + c.path().getInt(c.path().position())) + "="
                    + (c.value() == null || !c.value().hasRemaining() ? "null" : c.value().getInt(c.value().position())) + "@" + c.timestamp()
                    + (c.ttl() > 0 ? " ttl" + c.ttl() : ""));
        }
        return out.append(String.join(", ", cells)).toString().trim();
    }
}
