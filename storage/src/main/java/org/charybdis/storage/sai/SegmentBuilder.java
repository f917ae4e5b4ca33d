package org.charybdis.storage.sai;

import org.charybdis.storage.attached.RowSink;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.ClusteringSerializer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Collects the terms of one SSTable's rows, in the SSTable's order, and lays them out as the body of its SAI.db
 * (see {@link Segment} for the format). Rows without any indexed term are left out; a partition with partition-level
 * terms gets an entry of its own, before its rows.
 */
final class SegmentBuilder implements RowSink {
    private final List<AttachedIndex> indexes;
    private final int clusteringSize;
    private final List<Map<ByteBuffer, Postings>> terms = new ArrayList<>();
    private final List<DecoratedKey> partitions = new ArrayList<>();
    private final List<Clustering> clusterings = new ArrayList<>();

    SegmentBuilder(List<AttachedIndex> indexes, int clusteringSize) {
        this.indexes = indexes;
        this.clusteringSize = clusteringSize;
        for (int i = 0; i < indexes.size(); i++) terms.add(new TreeMap<>(UnsignedBytes.ORDER));
    }

    /**
     * Adds the partition-level terms of a partition, given its static row's cells (empty without a static row), before
     * its rows; partitions must come in the SSTable's order.
     */
    @Override
    public void partition(DecoratedKey partition, List<Cell> staticCells) {
        add(partition, Clustering.STATIC, (index, terms) -> index.partitionTerms(partition, staticCells, terms));
    }

    /** Adds one regular row of the partition last given; rows must come in the SSTable's order. */
    @Override
    public void row(DecoratedKey partition, Clustering clustering, List<Cell> cells) {
        add(partition, clustering, (index, terms) -> index.rowTerms(partition, clustering, cells, terms));
    }

    private void add(DecoratedKey partition, Clustering clustering, BiConsumer<AttachedIndex, Consumer<ByteBuffer>> termsOf) {
        int ordinal = partitions.size();
        boolean[] indexed = {false};
        for (int i = 0; i < indexes.size(); i++) {
            Map<ByteBuffer, Postings> byTerm = terms.get(i);
            termsOf.accept(indexes.get(i), term -> {
                byTerm.computeIfAbsent(term, t -> new Postings()).add(ordinal);
                indexed[0] = true;
            });
        }
        if (indexed[0]) {
            partitions.add(partition);
            clusterings.add(clustering);
        }
    }

    BufferWriter body() {
        BufferWriter out = new BufferWriter(4096);
        out.writeInt(Segment.LAYOUT);
        out.writeUnsignedVInt(clusteringSize);
        out.writeUnsignedVInt(partitions.size());
        for (int i = 0; i < partitions.size(); i++) {
            out.writeLong(partitions.get(i).token());
            out.writeBytesWithLength(partitions.get(i).key());
            Clustering clustering = clusterings.get(i);
            out.writeByte(clustering.isStatic() ? Segment.PARTITION : Segment.ROW);
            if (!clustering.isStatic()) ClusteringSerializer.writeClustering(clustering, out);
        }
        out.writeUnsignedVInt(indexes.size());
        for (int i = 0; i < indexes.size(); i++) {
            out.writeUuid(indexes.get(i).id());
            out.writeUnsignedVInt(terms.get(i).size());
            for (Map.Entry<ByteBuffer, Postings> term : terms.get(i).entrySet()) {
                out.writeBytesWithLength(term.getKey());
                term.getValue().writeTo(out);
            }
        }
        return out;
    }

    /** The row ordinals of one term, ascending and distinct (a row adds a term once however many cells hold it). */
    private static final class Postings {
        private int[] ordinals = new int[4];
        private int count;

        void add(int ordinal) {
            if (count > 0 && ordinals[count - 1] == ordinal) return;
            if (count == ordinals.length) ordinals = Arrays.copyOf(ordinals, count * 2);
            ordinals[count++] = ordinal;
        }

        /** The count, then each ordinal as the difference to the previous one. */
        void writeTo(BufferWriter out) {
            out.writeUnsignedVInt(count);
            int previous = 0;
            for (int i = 0; i < count; i++) {
                out.writeUnsignedVInt(ordinals[i] - previous);
                previous = ordinals[i];
            }
        }
    }
}
