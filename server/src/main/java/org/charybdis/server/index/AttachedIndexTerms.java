package org.charybdis.server.index;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.sai.AttachedIndex;

import java.nio.ByteBuffer;

/**
 * What a storage-attached index (SAI on a regular column) keeps of each cell and what a query looks up, in the same
 * byte-comparable form ({@link ByteComparableValues}): the value, or for a non-frozen collection the element
 * ({@code values()} of a set: the cell path; of a list or map: the cell value) or the map key ({@code keys()}).
 */
public final class AttachedIndexTerms {
    private final IndexMetadata index;
    private final ColumnMetadata column;
    private final CqlType termType;

    private AttachedIndexTerms(IndexMetadata index, ColumnMetadata column) {
        this.index = index;
        this.column = column;
        this.termType = termType(column.type(), index.target());
    }

    /** The terms of {@code definition}'s index, or null when it is not storage-attached (a legacy index, or SAI on a key or static column). */
    public static AttachedIndexTerms of(IndexedColumn definition) {
        IndexMetadata index = definition.index();
        ColumnMetadata column = definition.column();
        boolean attached = index.isSai() && column.kind() == ColumnMetadata.Kind.REGULAR && index.target() != IndexMetadata.Target.ENTRIES;
        return attached ? new AttachedIndexTerms(index, column) : null;
    }

    /** The index as the storage engine keeps it. */
    public AttachedIndex attachedIndex() {
        return new AttachedIndex(index.id(), column.id(), this::termOf);
    }

    /** The term a query value (a whole value, an element or a map key, as the index target says) looks up. */
    public static ByteBuffer lookupTerm(ColumnMetadata column, IndexMetadata index, ByteBuffer value) {
        return ByteComparableValues.encode(termType(column.type(), index.target()), value);
    }

    private ByteBuffer termOf(Cell cell) {
        ByteBuffer value;
        if (cell.path() == null) value = cell.value();
        else if (index.target() == IndexMetadata.Target.KEYS || column.type() instanceof SetType) value = cell.path();
        else value = cell.value();
        return ByteComparableValues.encode(termType, value);
    }

    private static CqlType termType(CqlType type, IndexMetadata.Target target) {
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
