package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.syntax.Relation;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.restrictions.Restrictions.FilterTerm;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.index.IndexedColumn;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;

import java.nio.ByteBuffer;

/**
 * Compiles the relations on collection contents, {@code CONTAINS}, {@code CONTAINS KEY} and {@code m[k] = v}, to row
 * filters, each with the lookup a collection index would answer it by.
 */
final class CollectionRelations {
    private CollectionRelations() {}

    /** {@code c CONTAINS v} or {@code m CONTAINS KEY k}, on frozen or non-frozen collections. */
    static IndexCandidate contains(ColumnMetadata column, Operator operator, Term value, BindVariables variables) {
        boolean key = operator == Operator.CONTAINS_KEY;
        CqlType type = column.type();
        CqlType elementType;
        String receiver;
        if (key) {
            if (!(type instanceof MapType map)) throw new InvalidRequestException("Cannot use CONTAINS KEY on non-map column " + column.name());
            elementType = map.keyType();
            receiver = "key(" + column.name() + ")";
        } else {
            elementType = switch (type) {
                case MapType map -> map.valueType();
                case SetType set -> set.elementType();
                case ListType list -> list.elementType();
                default -> throw new InvalidRequestException("Cannot use CONTAINS on non-collection column " + column.name());
            };
            receiver = "value(" + column.name() + ")";
        }
        if (value instanceof Term.NullLiteral) throw new InvalidRequestException("Unsupported null value for column " + column.name());
        BoundValue bound = Terms.resolve(value, elementType, receiver, variables);
        FilterTerm filter = context -> new ContainsFilter(column, key, ValueList.checked(bound.bind(context), column.name()));
        return new IndexCandidate(column, key ? IndexMetadata.Target.KEYS : IndexMetadata.Target.VALUES, false, filter,
                context -> ValueList.checked(bound.bind(context), column.name()), operator);
    }

    /** {@code m[k] = v}: only on non-frozen maps, only with =. */
    static IndexCandidate mapEntry(ColumnMetadata column, Relation.ElementCompare relation, BindVariables variables) {
        CqlType type = column.type();
        if (type instanceof ListType) {
            throw new InvalidRequestException("Indexes on list entries (" + column.name() + "[index] = value) are not currently supported.");
        }
        if (!(type instanceof MapType map)) throw new InvalidRequestException("Column " + column.name() + " cannot be used as a map");
        if (!type.isMultiCell()) {
            throw new InvalidRequestException("Map-entry equality predicates on frozen map column " + column.name() + " are not supported");
        }
        if (relation.operator() != Operator.EQ) throw new InvalidRequestException("Only EQ relations are supported on map entries");
        if (relation.element() instanceof Term.NullLiteral) {
            throw new InvalidRequestException("Unsupported null map key for column " + column.name());
        }
        if (relation.value() instanceof Term.NullLiteral) {
            throw new InvalidRequestException("Unsupported null map value for column " + column.name());
        }
        BoundValue key = Terms.resolve(relation.element(), map.keyType(), "key(" + column.name() + ")", variables);
        BoundValue value = Terms.resolve(relation.value(), map.valueType(), "value(" + column.name() + ")", variables);
        FilterTerm filter = context -> new MapEntryFilter(column, checkedKey(key, context, column), ValueList.checked(value.bind(context), column.name()));
        return new IndexCandidate(column, IndexMetadata.Target.ENTRIES, false, filter, context -> IndexedColumn.entryValue(
                checkedKey(key, context, column), ValueList.checked(value.bind(context), column.name())), Operator.EQ);
    }

    private static ByteBuffer checkedKey(BoundValue key, ExecutionContext context, ColumnMetadata column) {
        ByteBuffer k = key.bind(context);
        if (k == null) throw new InvalidRequestException("Unsupported null map key for column " + column.name());
        return ValueList.checked(k, column.name());
    }
}
