package org.charybdis.storage.sai;

import org.charybdis.storage.data.Cell;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.function.Function;

/**
 * A storage-attached index (SAI) of one regular column: the engine keeps, beside each memtable and SSTable, the
 * terms of that column's live cells in byte order, each with the rows holding it. What a cell's term is (its value
 * in a byte-comparable encoding, a collection element, an analyzed text) is the caller's to say.
 *
 * @param id     the index's id, naming its terms in every SSTable's SAI.db
 * @param column the id of the indexed column
 * @param terms  the term a (non-tombstone) cell of the column adds, or null for none
 */
public record AttachedIndex(UUID id, int column, Function<Cell, ByteBuffer> terms) {
    /** The term of {@code cell}, or null when it is not of this column, is a tombstone, or adds none. */
    ByteBuffer termOf(Cell cell) {
        if (cell.column() != column || cell.isTombstone()) return null;
        return terms.apply(cell);
    }
}
