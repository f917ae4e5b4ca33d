package org.charybdis.server.index.vector;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.util.Map;

/**
 * Which indexes are vector indexes: a Storage-Attached Index on a {@code vector<float, n>} column, ordering ANN
 * queries with the {@code similarity_function} of its options (cosine by default).
 */
public final class VectorIndexes {
    private VectorIndexes() {}

    /** The vector index of that column, or null when it has none. */
    public static IndexMetadata of(TableMetadata table, ColumnMetadata column) {
        if (!(column.type() instanceof VectorType)) return null;
        for (IndexMetadata index : table.indexes().values()) {
            if (index.isSai() && index.column().equals(column.name())) return index;
        }
        return null;
    }

    /** True when the index is a vector index of its table. */
    public static boolean isVectorIndex(TableMetadata table, IndexMetadata index) {
        ColumnMetadata column = table.column(index.column());
        return index.isSai() && column != null && column.type() instanceof VectorType;
    }

    /** A new, empty graph for the index when it is a vector index of a regular column; null otherwise. */
    public static VectorGraph graphOf(TableMetadata table, IndexMetadata index) {
        ColumnMetadata column = table.column(index.column());
        if (!isVectorIndex(table, index) || column.kind() != ColumnMetadata.Kind.REGULAR) return null;
        VectorType type = (VectorType) column.type();
        return new VectorGraph(VectorSimilarity.fromOption(index.options().get(VectorSimilarity.OPTION), index.name()), type.dimension());
    }

    /** Cassandra 5.0's checks of a new SAI index's vector options and column type. */
    public static void checkSaiIndex(String indexName, CqlType columnType, Map<String, String> options) {
        if (columnType instanceof VectorType vector) {
            if (vector.elementType() != NativeType.FLOAT) {
                throw new InvalidRequestException("SAI ANN indexes are only allowed on vector columns with float elements");
            }
            VectorSimilarity.fromOption(options.get(VectorSimilarity.OPTION), indexName);
        } else if (options.containsKey(VectorSimilarity.OPTION)) {
            throw new InvalidRequestException("CQL type " + indexedType(columnType).cqlName() + " cannot have vector options");
        }
    }

    /** What an SAI index of a collection holds: its elements (or map values). */
    private static CqlType indexedType(CqlType type) {
        if (type instanceof MapType map) return map.valueType();
        if (type instanceof ListType list) return list.elementType();
        if (type instanceof SetType set) return set.elementType();
        return type;
    }
}
