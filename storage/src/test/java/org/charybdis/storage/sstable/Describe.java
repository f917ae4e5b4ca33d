package org.charybdis.storage.sstable;

import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.read.LivePartitionView;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Complete, comparable descriptions of rows and partitions (Row has no equals of its own). */
final class Describe {
    private Describe() {}

    static String row(Row row) {
        if (row == null) return "null";
        return row.clustering() + " " + row.liveness() + " " + row.deletion() + " " + row.cells() + " " + row.complexDeletions();
    }

    /** The stored shape: deletion, range tombstones, static row and every row. */
    static List<String> stored(PartitionFragment p) {
        List<String> out = new ArrayList<>();
        out.add(p.key().toString());
        out.add(p.partitionDeletion().toString());
        out.add(p.rangeTombstones().toString());
        out.add(row(p.staticRow()));
        for (Iterator<Row> it = p.rows(Slice.ALL, false); it.hasNext(); ) out.add(row(it.next()));
        return out;
    }

    /** What a read returns under the filter. */
    static List<String> live(PartitionFragment p, TableLayout layout, ReadFilter filter, long now) {
        List<String> out = new ArrayList<>();
        PartitionView view = p == null ? null : LivePartitionView.of(p, layout, filter, now);
        if (view == null) return out;
        out.add("static " + row(view.staticRow()));
        for (Iterator<Row> it = view.rows(); it.hasNext(); ) out.add(row(it.next()));
        return out;
    }
}
