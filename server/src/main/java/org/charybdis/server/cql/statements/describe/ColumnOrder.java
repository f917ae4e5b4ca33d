package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which Cassandra writes a table's columns in CREATE TABLE: partition key, clustering
 * columns, static columns, then regular ones; within static and regular columns, single-cell ones
 * before multi-cell ones (non-frozen collections and UDTs), each group by Cassandra's name order.
 */
final class ColumnOrder {
    /**
     * Cassandra's column name order: the first 8 UTF-8 bytes read as a signed big-endian long, then
     * all bytes unsigned. Same as plain order for ASCII, but names starting with a non-ASCII letter sort first.
     */
    static final Comparator<String> NAMES = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int prefix = Long.compare(prefix(x), prefix(y));
        return prefix != 0 ? prefix : Arrays.compareUnsigned(x, y);
    };

    private static final Comparator<ColumnMetadata> OTHERS = Comparator
            .comparing((ColumnMetadata c) -> !c.isStatic())
            .thenComparing(c -> c.type().isMultiCell())
            .thenComparing(ColumnMetadata::name, NAMES);

    private ColumnOrder() {}

    static List<ColumnMetadata> inCreateOrder(TableMetadata table) {
        List<ColumnMetadata> others = new ArrayList<>(table.regularAndStatic());
        others.sort(OTHERS);
        List<ColumnMetadata> all = new ArrayList<>(table.partitionKey());
        all.addAll(table.clustering());
        all.addAll(others);
        return all;
    }

    private static long prefix(byte[] bytes) {
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (i < bytes.length ? bytes[i] & 0xFF : 0);
        }
        return prefix;
    }
}
