package org.charybdis.server.index;

import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.types.ByteComparable;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.sai.AttachedIndex;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a storage-attached index keeps of each row and what a query looks up, in the same byte-comparable form
 * ({@link ByteComparable}; an empty value is an empty term, below all others): of a regular or static column the value, or for a non-frozen collection the element
 * ({@code values()} of a set: the cell path; of a list or map: the cell value) or the map key ({@code keys()}); of a
 * clustering column its component of the row's clustering; of a partition key column its component of the key. The
 * terms of static and partition key columns belong to partitions, the others' to rows.
 */
public final class AttachedIndexTerms {
    private final IndexMetadata index;
    private final ColumnMetadata column;
    private final CqlType termType;
    private final TextAnalyzer analyzer;
    private final int partitionKeySize;

    private AttachedIndexTerms(IndexMetadata index, ColumnMetadata column, int partitionKeySize) {
        this.index = index;
        this.column = column;
        this.termType = termType(column.type(), index.target());
        this.analyzer = TextAnalyzer.of(index, termType);
        this.partitionKeySize = partitionKeySize;
    }

    /** The terms of {@code definition}'s index, or null when it is not storage-attached (a legacy index, an index of map entries). */
    public static AttachedIndexTerms of(IndexedColumn definition) {
        if (!isAttached(definition.index(), definition.column())) return null;
        return new AttachedIndexTerms(definition.index(), definition.column(), definition.table().partitionKey().size());
    }

    /** The analyzer of {@code index}'s text terms on {@code column}, or null when values are indexed as they are. */
    public static TextAnalyzer analyzerOf(IndexMetadata index, ColumnMetadata column) {
        return TextAnalyzer.of(index, termType(column.type(), index.target()));
    }

    /**
     * True when {@code index} keeps terms beside the base table: SAI on any column, but not of map entries, nor a
     * vector index (its graph answers ANN queries, and it keeps no terms).
     */
    public static boolean isAttached(IndexMetadata index, ColumnMetadata column) {
        return index.isSai() && index.target() != IndexMetadata.Target.ENTRIES && !(column.type() instanceof VectorType);
    }

    /**
     * SAI options Cassandra 5.0.6 understands (analysis here; vector options are the vector index's). It has no
     * {@code index_analyzer} or {@code query_analyzer} (nor the {@code :} operator): it refuses them as unknown.
     */
    private static final java.util.Set<String> KNOWN_OPTIONS = java.util.Set.of("case_sensitive", "normalize", "ascii", "similarity_function",
            "source_model", "optimize_for", "target");

    /** Refuses SAI options Cassandra refuses, with its messages. */
    public static void checkOptions(Map<String, String> options, ColumnMetadata column, IndexMetadata.Target target) {
        java.util.List<String> unknown = new java.util.ArrayList<>();
        for (String option : options.keySet()) if (!KNOWN_OPTIONS.contains(option)) unknown.add(option);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("Properties specified " + unknown + " are not understood by StorageAttachedIndex");
        }
        TextAnalyzer.checkOptions(options, termType(column.type(), target), column.isPrimaryKey());
    }

    /** The index as the storage engine keeps it. */
    public AttachedIndex attachedIndex() {
        return new AttachedIndex(index.id(), IndexedColumn.isPartitionLevel(column), this::termsOf);
    }

    /** The term a query value (a whole value, an element or a map key, as the index target says) looks up. */
    public static ByteBuffer lookupTerm(ColumnMetadata column, IndexMetadata index, ByteBuffer value) {
        return new AttachedIndexTerms(index, column, 0).term(value);
    }

    private void termsOf(DecoratedKey partition, Clustering clustering, List<Cell> cells, Consumer<ByteBuffer> terms) {
        switch (column.kind()) {
            case PARTITION_KEY -> terms.accept(term(PartitionKeys.split(partition.key(), partitionKeySize)[column.position()]));
            case CLUSTERING -> terms.accept(term(clustering.get(column.position())));
            default -> {
                for (Cell cell : cells) if (cell.column() == column.id() && !cell.isTombstone()) terms.accept(termOf(cell));
            }
        }
    }

    private ByteBuffer termOf(Cell cell) {
        ByteBuffer value;
        if (cell.path() == null) value = cell.value();
        else if (index.target() == IndexMetadata.Target.KEYS || column.type() instanceof SetType) value = cell.path();
        else value = cell.value();
        return term(value);
    }

    private ByteBuffer term(ByteBuffer value) {
        if (analyzer != null) return analyzer.analyze(value);
        return value.hasRemaining() ? ByteBuffer.wrap(ByteComparable.encode(termType, value)) : value;
    }

    /** The type of what the index keeps of a column of {@code type}: the value, the element or the map key. */
    static CqlType termType(CqlType type, IndexMetadata.Target target) {
        return switch (target) {
            case KEYS -> ((MapType) type).keyType();
            case VALUES -> switch (type) {
                case MapType map -> map.valueType();
                case SetType set -> set.elementType();
                case ListType list -> list.elementType();
                default -> type;
            };
            default -> type;
        };
    }
}
