package org.charybdis.storage.sstable;

import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;

import java.nio.file.Path;
import java.util.List;

import static org.charybdis.storage.engine.TestTables.S;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.V2;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;
import static org.charybdis.storage.engine.TestTables.t;

/**
 * SSTables written by earlier format versions, kept under {@code src/test/resources/sstables/v<version>}: what they
 * hold is rebuilt here, deterministically, for the tests that read them with today's reader.
 * <p>
 * {@code v1}: generation 1, LZ4 in 4 KiB chunks, written by commit 00a11bf's {@link SSTableWriter} from {@link #partitions()}.
 */
final class LegacySSTables {
    static final long NOW = 1_700_000_000L;
    static final int LARGE_ROWS = 3000;
    static final TableLayout LAYOUT = TestTables.layout();

    private LegacySSTables() {}

    /** The directory holding the SSTable of a format version, as a test resource. */
    static Path directory(int version) {
        try {
            return Path.of(LegacySSTables.class.getResource("/sstables/v" + version).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A large partition (a row index of many blocks) with a static row, row and range deletions, and a small one. */
    static List<TestPartition> partitions() {
        TestPartition large = TestPartition.of(key(1), LAYOUT, b -> {
            b.staticRow().cell(S, i(7), 5, 0, NOW);
            for (int r = 0; r < LARGE_ROWS; r++)
                b.row(ck(r, "x")).marker(10, 0, NOW).cell(V1, t(("row " + r + " ").repeat(12)), 10, 0, NOW).cell(V2, i(r), 10, 0, NOW);
            for (int r = 500; r < 520; r++) b.row(ck(r, "x")).delete(20, NOW);
            b.deleteRange(new Slice(ClusteringBound.start(true, i(1000)), ClusteringBound.end(false, i(1100))), 30, NOW);
        });
        TestPartition small = TestPartition.of(key(2), LAYOUT, b -> {
            for (int r = 0; r < 5; r++) b.row(ck(r, "y")).marker(10, 0, NOW).cell(V2, i(r), 10, 0, NOW);
        });
        return List.of(large, small);
    }
}
