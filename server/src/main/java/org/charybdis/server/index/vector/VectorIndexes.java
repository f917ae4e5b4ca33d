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
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.vector.VectorIndex;

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

    /**
     * What the storage engine keeps of the index when it is a vector index of a regular column (its vectors and, per
     * SSTable, their graph), scoring with {@link VectorSimilarity} as the query's results are; null otherwise.
     */
    public static VectorIndex attachedOf(TableMetadata table, IndexMetadata index) {
        ColumnMetadata column = table.column(index.column());
        if (!isVectorIndex(table, index) || column.kind() != ColumnMetadata.Kind.REGULAR) return null;
        VectorType type = (VectorType) column.type();
        VectorSimilarity similarity = similarityOf(index);
        return new VectorIndex(index.id(), column.id(), type.dimension(), similarity.luceneFunction(), similarity::score);
    }

    /** The similarity function a vector index orders by. */
    public static VectorSimilarity similarityOf(IndexMetadata index) {
        return VectorSimilarity.fromOption(index.options().get(VectorSimilarity.OPTION), index.name());
    }

    /**
     * Refuses a write of a zero vector to a column with a cosine vector index, which Cassandra 5.0 fails on the replica
     * (a WriteFailure to the client, this message in its log); here a clear InvalidRequest, before anything is written.
     */
    public static void checkWrite(TableMetadata table, PartitionUpdate update) {
        for (IndexMetadata index : table.indexes().values()) {
            VectorIndex vectors = attachedOf(table, index);
            if (vectors == null || similarityOf(index) != VectorSimilarity.COSINE) continue;
            for (RowUpdate row : update.rows()) {
                for (Cell cell : row.cells()) {
                    if (cell.column() == vectors.column() && !cell.isTombstone() && VectorSimilarity.isZero(VectorSimilarity.floats(cell.value()))) {
                        throw new InvalidRequestException("Zero vectors cannot be indexed or queried with cosine similarity");
                    }
                }
            }
        }
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
