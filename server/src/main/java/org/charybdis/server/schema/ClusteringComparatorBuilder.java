package org.charybdis.server.schema;

import org.charybdis.cql.types.ByteComparable;
import org.charybdis.cql.types.CqlType;
import org.charybdis.storage.data.ByteOrderedEncoding;
import org.charybdis.storage.data.ClusteringComparator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a {@link ClusteringComparator} component by component, each with its order, its direction and the same order
 * as bytes (what engines comparing keys as bytes, RocksDB, need).
 */
public final class ClusteringComparatorBuilder {
    private final List<Comparator<ByteBuffer>> orders = new ArrayList<>();
    private final List<Boolean> reversed = new ArrayList<>();
    private final List<ByteOrderedEncoding> encodings = new ArrayList<>();

    /** A component holding values of a CQL type, ordered as the type compares them. */
    public ClusteringComparatorBuilder add(CqlType type, boolean descending) {
        return add(type::compare, descending, value -> ByteComparable.encode(type, value));
    }

    /** A component with an order of its own and the encoding that writes it as bytes. */
    public ClusteringComparatorBuilder add(Comparator<ByteBuffer> order, boolean descending, ByteOrderedEncoding encoding) {
        orders.add(order);
        reversed.add(descending);
        encodings.add(encoding);
        return this;
    }

    public ClusteringComparator build() {
        return new ClusteringComparator(orders, reversed, encodings);
    }
}
