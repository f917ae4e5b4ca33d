package org.charybdis.storage.sai;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A storage-attached index (SAI) of one column: the engine keeps, beside each memtable and SSTable, the terms of
 * that column in byte order, each with the rows holding it. What a row's terms are (a cell's value in a
 * byte-comparable encoding, a collection element, an analyzed text, a key column's value) is the caller's to say.
 * <p>
 * A partition-level index (of a static or partition key column) asks for the terms of each partition once, with
 * its static row's cells (none when it has no static row), and posts them at {@link Clustering#STATIC}: a hit is
 * the whole partition. A row-level index asks for the terms of each regular row.
 *
 * @param id             the index's id, naming its terms in every SSTable's SAI.db
 * @param partitionLevel true when the terms belong to partitions, not rows
 * @param terms          the terms of one row (live cells and tombstones both: the caller skips what adds none)
 */
public record AttachedIndex(UUID id, boolean partitionLevel, RowTerms terms) {
    /** What one row of a partition adds to the index. */
    @FunctionalInterface
    public interface RowTerms {
        /** Hands each term of the row ({@link Clustering#STATIC} for a partition-level index) to {@code terms}. */
        void of(DecoratedKey partition, Clustering clustering, List<Cell> cells, Consumer<ByteBuffer> terms);
    }

    /** Hands the terms of a regular row to {@code terms}; a partition-level index has none there. */
    void rowTerms(DecoratedKey partition, Clustering clustering, List<Cell> cells, Consumer<ByteBuffer> out) {
        if (!partitionLevel) terms.of(partition, clustering, cells, out);
    }

    /** Hands the terms of a partition, given its static row's cells, to {@code terms}; a row-level index has none there. */
    void partitionTerms(DecoratedKey partition, List<Cell> staticCells, Consumer<ByteBuffer> out) {
        if (partitionLevel) terms.of(partition, Clustering.STATIC, staticCells, out);
    }
}
