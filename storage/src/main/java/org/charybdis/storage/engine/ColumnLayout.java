package org.charybdis.storage.engine;

import java.nio.ByteBuffer;
import java.util.Comparator;

/**
 * One non-primary-key column as the engine sees it: an id, whether it lives in the static row, and for
 * non-frozen collections and UDTs ({@code multiCell}) how its cell paths are ordered.
 */
public record ColumnLayout(int id, boolean isStatic, boolean multiCell, Comparator<ByteBuffer> cellPathComparator) {
    public ColumnLayout {
        if (multiCell && cellPathComparator == null) throw new IllegalArgumentException("multi-cell column " + id + " needs a cell path comparator");
        if (!multiCell && cellPathComparator != null) throw new IllegalArgumentException("simple column " + id + " has no cell paths");
    }

    public static ColumnLayout simple(int id, boolean isStatic) {
        return new ColumnLayout(id, isStatic, false, null);
    }

    public static ColumnLayout multiCell(int id, boolean isStatic, Comparator<ByteBuffer> cellPathComparator) {
        return new ColumnLayout(id, isStatic, true, cellPathComparator);
    }
}
