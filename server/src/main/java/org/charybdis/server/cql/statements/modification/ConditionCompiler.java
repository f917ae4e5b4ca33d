package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.cql.Columns;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.ColumnPath;
import org.charybdis.cql.syntax.Condition;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the IF conditions of UPDATE and DELETE with Cassandra 5.0's checks, messages and bind-marker
 * names ({@code idx(l)}, {@code key(m)}, {@code value(m)}, {@code u.f}, {@code in(v)}).
 */
final class ConditionCompiler {
    private ConditionCompiler() {}

    static ColumnCondition compile(TableMetadata table, Condition condition, BindVariables variables) {
        ColumnPath path = condition.target();
        ColumnMetadata column = Columns.resolve(table, path.column());
        String name = path.column().toCqlString();
        if (column.isPrimaryKey()) {
            throw new InvalidRequestException("PRIMARY KEY column '" + column.name() + "' cannot have IF conditions");
        }
        if (column.type().isCounter()) throw new InvalidRequestException("Conditions on counters are not supported");
        return switch (path) {
            case ColumnPath.Column ignored -> onColumn(column, name, condition, variables);
            case ColumnPath.Element element -> onElement(column, name, element.key(), condition, variables);
            case ColumnPath.Field field -> onField(column, name, field.field(), condition, variables);
        };
    }

    private static ColumnCondition onColumn(ColumnMetadata column, String name, Condition condition, BindVariables variables) {
        CqlType type = column.type();
        Operator operator = condition.operator();
        if (operator == Operator.CONTAINS) {
            CqlType item = switch (type) {
                case ListType list -> list.elementType();
                case SetType set -> set.elementType();
                case MapType map -> map.valueType();
                default -> throw new InvalidRequestException("Cannot use CONTAINS on non-collection column " + name);
            };
            return new ColumnCondition(column, ColumnCondition.Target.COLUMN, null, -1, operator, item,
                    Terms.resolve(condition.value(), item, "value(" + name + ")", variables), null);
        }
        if (operator == Operator.CONTAINS_KEY) {
            if (!(type instanceof MapType map)) throw new InvalidRequestException("Cannot use CONTAINS KEY on non-map column " + name);
            return new ColumnCondition(column, ColumnCondition.Target.COLUMN, null, -1, operator, map.keyType(),
                    Terms.resolve(condition.value(), map.keyType(), "key(" + name + ")", variables), null);
        }
        return compared(column, ColumnCondition.Target.COLUMN, null, -1, type, name, condition, variables);
    }

    private static ColumnCondition onElement(ColumnMetadata column, String name, Term key, Condition condition, BindVariables variables) {
        checkNoContains(condition, name);
        return switch (column.type()) {
            case ListType list -> compared(column, ColumnCondition.Target.ELEMENT,
                    Terms.resolve(key, NativeType.INT, "idx(" + name + ")", variables), -1, list.elementType(),
                    "value(" + name + ")", condition, variables);
            case MapType map -> compared(column, ColumnCondition.Target.ELEMENT,
                    Terms.resolve(key, map.keyType(), "key(" + name + ")", variables), -1, map.valueType(),
                    "value(" + name + ")", condition, variables);
            case SetType ignored -> throw new InvalidRequestException("Invalid element access syntax for set column " + name);
            default -> throw new InvalidRequestException("Invalid element access syntax for non-collection column " + name);
        };
    }

    private static ColumnCondition onField(ColumnMetadata column, String name, ColumnIdentifier field, Condition condition,
                                           BindVariables variables) {
        checkNoContains(condition, name);
        if (!(column.type() instanceof UserType udt)) {
            throw new InvalidRequestException("Invalid field selection: " + name + " of type " + column.type().cqlName()
                    + " is not a user type");
        }
        int index = udt.fieldIndex(field.name());
        if (index < 0) throw new InvalidRequestException("Unknown field " + field.toCqlString() + " for column " + name);
        return compared(column, ColumnCondition.Target.FIELD, null, index, udt.fieldTypes().get(index),
                name + "." + field.toCqlString(), condition, variables);
    }

    /** {@code =, !=, <, <=, >, >=, IN} against a value of {@code type}; {@code receiver} names its markers. */
    private static ColumnCondition compared(ColumnMetadata column, ColumnCondition.Target target, BoundValue key, int field,
                                            CqlType type, String receiver, Condition condition, BindVariables variables) {
        Operator operator = condition.operator();
        if (isSlice(operator) && referencesDuration(type)) {
            throw new InvalidRequestException("Slice conditions ( " + operator.toCqlString() + " ) are not supported on durations");
        }
        if (operator != Operator.IN) {
            return new ColumnCondition(column, target, key, field, operator, type,
                    Terms.resolve(condition.value(), type, receiver, variables), null);
        }
        if (condition.value() != null) {
            BoundValue list = Terms.resolve(condition.value(), ListType.of(type, false), "in(" + receiver + ")", variables);
            return new ColumnCondition(column, target, key, field, operator, type, list, null);
        }
        List<BoundValue> values = new ArrayList<>(condition.inValues().size());
        for (Term value : condition.inValues()) values.add(Terms.resolve(value, type, receiver, variables));
        return new ColumnCondition(column, target, key, field, operator, type, null, values);
    }

    private static void checkNoContains(Condition condition, String name) {
        if (condition.operator() == Operator.CONTAINS || condition.operator() == Operator.CONTAINS_KEY) {
            throw new InvalidRequestException("Cannot use " + condition.operator().toCqlString() + " on an element or field of " + name);
        }
    }

    private static boolean isSlice(Operator operator) {
        return operator == Operator.LT || operator == Operator.LTE || operator == Operator.GT || operator == Operator.GTE;
    }

    private static boolean referencesDuration(CqlType type) {
        if (type == NativeType.DURATION) return true;
        for (CqlType sub : type.subTypes()) {
            if (referencesDuration(sub)) return true;
        }
        return false;
    }
}
