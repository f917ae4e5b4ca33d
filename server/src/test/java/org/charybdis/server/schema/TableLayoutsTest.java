package org.charybdis.server.schema;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.server.index.IndexedColumn;
import org.charybdis.server.schema.ColumnMetadata.Kind;
import org.charybdis.storage.data.ClusteringComparator;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Clustering comparators handed to storage carry each component's order as bytes, ascending, next to its direction. */
class TableLayoutsTest {
    private static final TupleType PAIR = TupleType.of(NativeType.INT, NativeType.TEXT);
    private static final TableMetadata TABLE = new TableMetadata("ks", "t", UUID.randomUUID(), List.of(
            new ColumnMetadata("k", Kind.PARTITION_KEY, 0, NativeType.INT, false, 0),
            new ColumnMetadata("c1", Kind.CLUSTERING, 0, NativeType.BIGINT, true, 1),
            new ColumnMetadata("c2", Kind.CLUSTERING, 1, PAIR, false, 2),
            new ColumnMetadata("v", Kind.REGULAR, 0, NativeType.TEXT, false, 3)),
            TableParams.defaultParams(), 4, Map.of());

    private static final List<ByteBuffer> LONGS = serialize(NativeType.BIGINT, Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE);
    private static final List<ByteBuffer> PAIRS = serialize(PAIR, List.of(-1, "z"), Arrays.asList(1, null), List.of(1, ""),
            List.of(1, "a\0"), List.of(1, "ab"));

    @Test
    void tableClusteringColumnsAreByteOrdered() {
        ClusteringComparator comparator = TableLayouts.clusteringComparator(TABLE);
        assertThat(comparator.byteOrdered()).isTrue();
        assertThat(comparator.isReversed(0)).isTrue();
        assertEncodedInOrder(comparator, 0, LONGS);
        assertEncodedInOrder(comparator, 1, PAIRS);
    }

    /** An index table's clustering: the base token and partition key, then the base clustering. */
    @Test
    void indexTableClusteringIsByteOrdered() {
        IndexMetadata index = new IndexMetadata("v_idx", UUID.randomUUID(), "v", IndexMetadata.Target.SIMPLE, null, Map.of());
        ClusteringComparator comparator = new IndexedColumn(TABLE, index).layout().clusteringComparator();
        assertThat(comparator.byteOrdered()).isTrue();
        assertEncodedInOrder(comparator, 0, LONGS);
        assertEncodedInOrder(comparator, 1, serialize(NativeType.BLOB, ByteBuffer.wrap(new byte[] {0}),
                ByteBuffer.wrap(new byte[] {0, 0}), ByteBuffer.wrap(new byte[] {0, 1}), ByteBuffer.wrap(new byte[] {1})));
        assertEncodedInOrder(comparator, 2, LONGS);
        assertEncodedInOrder(comparator, 3, PAIRS);
    }

    /** {@code values} are in ascending order of their type, all different. */
    private static void assertEncodedInOrder(ClusteringComparator comparator, int component, List<ByteBuffer> values) {
        for (int i = 1; i < values.size(); i++) {
            byte[] lower = comparator.encoding(component).encode(values.get(i - 1));
            byte[] higher = comparator.encoding(component).encode(values.get(i));
            assertThat(Arrays.compareUnsigned(lower, higher)).as("component %d, value %d", component, i).isNegative();
        }
    }

    private static List<ByteBuffer> serialize(CqlType type, Object... values) {
        return Arrays.stream(values).map(type::serialize).toList();
    }
}
