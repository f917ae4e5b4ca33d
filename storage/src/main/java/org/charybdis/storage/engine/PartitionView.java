package org.charybdis.storage.engine;

import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.Iterator;

/**
 * The live content of one partition as a read sees it: tombstones applied, expired data removed, only the
 * filter's slices and columns. Rows are produced lazily, so stopping early (LIMIT, paging) touches little.
 */
public interface PartitionView {
    DecoratedKey key();

    /** The live static row, or null if there is none or the filter did not ask for it. */
    Row staticRow();

    /**
     * Live rows in clustering order, or reversed when the filter says so. Single pass: every call returns
     * the same iterator. Each row holds only live cells, with their timestamps, TTLs and expiration times.
     */
    Iterator<Row> rows();

    /**
     * True when the read stopped at its {@link ReadLimit} before the end of the filter's slices: rows may follow the
     * last one {@link #rows()} returns, and a read of the slices after it finds them. False when the view holds
     * everything the filter asks for.
     */
    default boolean truncated() {
        return false;
    }
}
