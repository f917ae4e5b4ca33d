package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One compiled IF condition of a conditional UPDATE or DELETE: {@code col op v}, {@code l[i] op v},
 * {@code m[k] op v}, {@code u.f op v}, {@code col IN (..)}, {@code col CONTAINS [KEY] v}. Binding checks
 * the values with Cassandra's messages; the bound condition is then judged against the stored row on the
 * shard owning it, with Cassandra's rules (null equals only null, {@code !=} holds against null).
 */
final class ColumnCondition {
    /** What part of the column is compared. */
    enum Target { COLUMN, ELEMENT, FIELD }

    private final ColumnMetadata column;
    private final Target target;
    private final BoundValue elementKey;
    private final int field;
    private final Operator operator;
    private final CqlType valueType;
    private final BoundValue value;
    private final List<BoundValue> inValues;

    /**
     * @param valueType the type compared: the column's, the element's or field's, the contained item's
     * @param value     the single value, or the list of an {@code IN ?}; null for {@code IN (..)}
     * @param inValues  the values of {@code IN (..)}, else null
     */
    ColumnCondition(ColumnMetadata column, Target target, BoundValue elementKey, int field, Operator operator,
                    CqlType valueType, BoundValue value, List<BoundValue> inValues) {
        this.column = column;
        this.target = target;
        this.elementKey = elementKey;
        this.field = field;
        this.operator = operator;
        this.valueType = valueType;
        this.value = value;
        this.inValues = inValues == null ? null : List.copyOf(inValues);
    }

    ColumnMetadata column() {
        return column;
    }

    /** The values of one execution, checked; runs on the calling shard. */
    Bound bind(ExecutionContext context) {
        ByteBuffer key = target == Target.ELEMENT ? elementKey(context) : null;
        if (operator == Operator.IN) return new Bound(this, key, inValues(context));
        ByteBuffer bound = value.bind(context);
        if (bound == QueryOptions.UNSET) {
            // Cassandra: an unset CONTAINS value never holds; anything else is refused
            if (operator == Operator.CONTAINS || operator == Operator.CONTAINS_KEY) return new Bound(this, key, List.of());
            throw new InvalidRequestException("Invalid 'unset' value in condition");
        }
        boolean contains = operator == Operator.CONTAINS || operator == Operator.CONTAINS_KEY;
        boolean slice = !contains && operator != Operator.EQ && operator != Operator.NEQ;
        if (bound == null && (slice || contains)) {
            throw new InvalidRequestException("Invalid comparison with null for operator \"" + operator.toCqlString() + "\"");
        }
        if (slice && emptiesToNull() && isEmptyCollection(bound)) {
            throw new InvalidRequestException("Invalid comparison with an empty " + kind() + " for operator \"" + operator.toCqlString() + "\"");
        }
        if (!contains) bound = normalized(bound);
        List<ByteBuffer> values = new ArrayList<>(1);
        values.add(bound);
        return new Bound(this, key, values);
    }

    private ByteBuffer elementKey(ExecutionContext context) {
        ByteBuffer key = elementKey.bind(context);
        if (key == QueryOptions.UNSET) return null;
        boolean list = column.type() instanceof ListType;
        if (key == null) {
            throw new InvalidRequestException("Invalid null value for " + (list ? "list" : "map") + " element access");
        }
        if (list && key.getInt(key.position()) < 0) {
            throw new InvalidRequestException("Invalid negative list index " + key.getInt(key.position()));
        }
        return key;
    }

    private List<ByteBuffer> inValues(ExecutionContext context) {
        List<ByteBuffer> values = new ArrayList<>();
        if (inValues != null) {
            for (BoundValue v : inValues) {
                ByteBuffer bound = v.bind(context);
                if (bound != QueryOptions.UNSET) values.add(normalized(bound)); // Cassandra skips unset values in IN
            }
            return values;
        }
        ByteBuffer list = value.bind(context);
        if (list == QueryOptions.UNSET) throw new InvalidRequestException("Invalid 'unset' value in condition");
        if (list == null) throw new InvalidRequestException("Invalid null list in IN condition");
        for (ByteBuffer element : CollectionBytes.elements(list)) values.add(normalized(element));
        return values;
    }

    /** Sets and maps compare in sorted form; an empty non-frozen collection is the same as null. */
    private ByteBuffer normalized(ByteBuffer bound) {
        if (bound == null) return null;
        if (valueType instanceof SetType || valueType instanceof MapType) bound = ((CollectionType) valueType).sortedForm(bound);
        return emptiesToNull() && isEmptyCollection(bound) ? null : bound;
    }

    /** A non-frozen collection stores no cells when empty: comparing with an empty one is comparing with null. */
    private boolean emptiesToNull() {
        return target == Target.COLUMN && column.type().isMultiCell();
    }

    private boolean isEmptyCollection(ByteBuffer bound) {
        return valueType instanceof CollectionType && bound.remaining() >= 4 && bound.getInt(bound.position()) == 0;
    }

    private String kind() {
        return switch (valueType) {
            case ListType ignored -> "list";
            case SetType ignored -> "set";
            default -> "map";
        };
    }

    /** A condition with the values of one execution; immutable, judged on the owning shard. */
    record Bound(ColumnCondition condition, ByteBuffer key, List<ByteBuffer> values) {
        ColumnMetadata column() {
            return condition.column;
        }

        /** True if the row (null when it does not exist) satisfies the condition. */
        boolean appliesTo(Row row) {
            ColumnCondition c = condition;
            return switch (c.operator) {
                case CONTAINS, CONTAINS_KEY -> !values.isEmpty()
                        && CellValues.contains(c.column, row, values.getFirst(), c.operator == Operator.CONTAINS_KEY);
                case IN -> {
                    ByteBuffer current = current(row);
                    for (ByteBuffer candidate : values) {
                        if (compare(Operator.EQ, candidate, current)) yield true;
                    }
                    yield false;
                }
                default -> compare(c.operator, values.getFirst(), current(row));
            };
        }

        private ByteBuffer current(Row row) {
            return switch (condition.target) {
                case COLUMN -> CellValues.column(condition.column, row);
                case ELEMENT -> CellValues.element(condition.column, row, key);
                case FIELD -> CellValues.field(condition.column, row, condition.field);
            };
        }

        /** Cassandra's rules: null equals only null, != holds against null, order comparisons fail on null. */
        private boolean compare(Operator operator, ByteBuffer expected, ByteBuffer current) {
            if (expected == null) return operator == Operator.EQ ? current == null : current != null;
            if (current == null) return operator == Operator.NEQ;
            int order = condition.valueType.compare(current, expected);
            return switch (operator) {
                case EQ -> order == 0;
                case NEQ -> order != 0;
                case LT -> order < 0;
                case LTE -> order <= 0;
                case GT -> order > 0;
                case GTE -> order >= 0;
                default -> throw new IllegalStateException("operator " + operator);
            };
        }
    }
}
