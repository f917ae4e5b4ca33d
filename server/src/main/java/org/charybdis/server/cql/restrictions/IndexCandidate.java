package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.restrictions.Restrictions.FilterTerm;
import org.charybdis.server.index.AttachedIndexTerms;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.util.EnumSet;
import java.util.Set;

/**
 * A relation a secondary index could answer: {@code c = v}, {@code c CONTAINS v}, {@code c CONTAINS KEY k},
 * {@code m[k] = v}, or (Storage-Attached Indexes only) a range on a numeric or temporal column.
 *
 * @param filter the row filter the relation compiled to (null for key columns, which storage restricts), so a
 *               served relation no longer asks for ALLOW FILTERING
 * @param lookup the value to look up in the index, or (for a range) the bound compared with
 * @param operator the relation's operator
 */
record IndexCandidate(ColumnMetadata column, IndexMetadata.Target target, boolean range, FilterTerm filter, BoundValue lookup,
                      Operator operator) {
    /** Types whose SAI index answers {@code <}, {@code <=}, {@code >}, {@code >=} in Cassandra 5.0 (literal types do not). */
    private static final Set<NativeType> SAI_RANGE_TYPES = EnumSet.of(NativeType.INT, NativeType.BIGINT, NativeType.SMALLINT,
            NativeType.TINYINT, NativeType.VARINT, NativeType.DECIMAL, NativeType.FLOAT, NativeType.DOUBLE, NativeType.DATE,
            NativeType.TIME, NativeType.TIMESTAMP);

    /** {@code column = value}: a whole-value lookup, on a frozen collection its {@code full()} index. */
    static IndexCandidate equality(ColumnMetadata column, FilterTerm filter, BoundValue lookup) {
        IndexMetadata.Target target = column.type() instanceof CollectionType ? IndexMetadata.Target.FULL : IndexMetadata.Target.SIMPLE;
        return new IndexCandidate(column, target, false, filter, context -> ValueList.checked(lookup.bind(context), column.name()),
                Operator.EQ);
    }

    static IndexCandidate range(ColumnMetadata column, Operator operator, FilterTerm filter, BoundValue bound) {
        return new IndexCandidate(column, IndexMetadata.Target.SIMPLE, true, filter, bound, operator);
    }

    /** True when a storage-attached index of this relation's column answers it from its terms (see storage/sai). */
    boolean storageAttached(IndexMetadata index) {
        return AttachedIndexTerms.isAttached(index, column);
    }

    /** The table's index that serves this relation, or null. */
    IndexMetadata indexIn(TableMetadata table) {
        for (IndexMetadata index : table.indexes().values()) {
            if (!index.column().equals(column.name()) || index.target() != target) continue;
            if (!range) return index;
            if (index.isSai() && column.type() instanceof NativeType type && SAI_RANGE_TYPES.contains(type)) return index;
        }
        return null;
    }
}
