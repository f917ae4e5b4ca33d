package org.charybdis.server.index;

import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.sai.AttachedIndex;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * What a storage-attached index (SAI on a regular column) keeps of each cell and what a query looks up, in the same
 * byte-comparable form ({@link ByteComparableValues}): the value, or for a non-frozen collection the element
 * ({@code values()} of a set: the cell path; of a list or map: the cell value) or the map key ({@code keys()}).
 */
public final class AttachedIndexTerms {
    private final IndexMetadata index;
    private final ColumnMetadata column;
    private final CqlType termType;
    private final TextAnalyzer analyzer;

    private AttachedIndexTerms(IndexMetadata index, ColumnMetadata column) {
        this.index = index;
        this.column = column;
        this.termType = termType(column.type(), index.target());
        this.analyzer = TextAnalyzer.of(index, termType);
    }

    /** The terms of {@code definition}'s index, or null when it is not storage-attached (a legacy index, or SAI on a key or static column). */
    public static AttachedIndexTerms of(IndexedColumn definition) {
        return of(definition.index(), definition.column());
    }

    /** The terms of {@code index} on {@code column}, or null when it is not storage-attached. */
    public static AttachedIndexTerms of(IndexMetadata index, ColumnMetadata column) {
        return isAttached(index, column) ? new AttachedIndexTerms(index, column) : null;
    }

    /**
     * True when {@code index} keeps terms beside the base table: SAI on a regular column, but not of map entries, nor a
     * vector index (its graph answers ANN queries, and it keeps no terms).
     */
    public static boolean isAttached(IndexMetadata index, ColumnMetadata column) {
        return index.isSai() && column.kind() == ColumnMetadata.Kind.REGULAR && index.target() != IndexMetadata.Target.ENTRIES
                && !(column.type() instanceof VectorType);
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
        TextAnalyzer.checkOptions(options, termType(column.type(), target));
    }

    /** The index as the storage engine keeps it. */
    public AttachedIndex attachedIndex() {
        return new AttachedIndex(index.id(), column.id(), this::termOf);
    }

    /** The term a query value (a whole value, an element or a map key, as the index target says) looks up. */
    public static ByteBuffer lookupTerm(ColumnMetadata column, IndexMetadata index, ByteBuffer value) {
        return new AttachedIndexTerms(index, column).term(value);
    }

    /** The analyzer of the index's text terms, or null when values are indexed as they are. */
    public TextAnalyzer analyzer() {
        return analyzer;
    }

    private ByteBuffer termOf(Cell cell) {
        ByteBuffer value;
        if (cell.path() == null) value = cell.value();
        else if (index.target() == IndexMetadata.Target.KEYS || column.type() instanceof SetType) value = cell.path();
        else value = cell.value();
        return term(value);
    }

    private ByteBuffer term(ByteBuffer value) {
        return analyzer != null ? analyzer.analyze(value) : ByteComparableValues.encode(termType, value);
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
