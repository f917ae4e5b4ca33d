package org.charybdis.storage.data;

import java.nio.ByteBuffer;
import java.util.Comparator;

/** How cells of a row are ordered: by column id, then (inside a multi-cell column) by cell path. */
public interface ColumnOrder {
    /** Order of the cell paths of a multi-cell column; null for simple or unknown columns. */
    Comparator<ByteBuffer> cellPathComparator(int column);

    default int compare(Cell a, Cell b) {
        int byColumn = Integer.compare(a.column(), b.column());
        if (byColumn != 0) return byColumn;
        if (a.path() == null || b.path() == null) return a.path() == null ? (b.path() == null ? 0 : -1) : 1;
        Comparator<ByteBuffer> paths = cellPathComparator(a.column());
        return (paths == null ? UnsignedBytes.ORDER : paths).compare(a.path(), b.path());
    }
}
