package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.cql.Columns;
import org.charybdis.server.cql.terms.TermText;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.ColumnPath;
import org.charybdis.cql.syntax.Operation;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles UPDATE assignments, INSERT values and DELETE targets into {@link ColumnOperation}s, with
 * Cassandra's checks and messages.
 */
final class OperationCompiler {
    private OperationCompiler() {}

    /** Column resolution shared by every clause: unknown names fail with Cassandra's message. */

    /** The value of one non-key column of an INSERT: like {@code c = v} in an UPDATE. */
    static ColumnOperation insertValue(ColumnMetadata column, Term value, BindVariables variables) {
        return setValue(column, value, variables);
    }

    static List<ColumnOperation> updates(TableMetadata table, List<Operation> operations, BindVariables variables) {
        checkCompatible(operations);
        List<ColumnOperation> compiled = new ArrayList<>(operations.size());
        for (Operation operation : operations) compiled.add(update(table, operation, variables));
        return compiled;
    }

    static List<ColumnOperation> deletions(TableMetadata table, List<ColumnPath> targets, BindVariables variables) {
        List<ColumnOperation> compiled = new ArrayList<>(targets.size());
        for (ColumnPath target : targets) compiled.add(deletion(table, target, variables));
        return compiled;
    }

    private static ColumnOperation update(TableMetadata table, Operation operation, BindVariables variables) {
        ColumnMetadata column = Columns.resolve(table, operation.column());
        if (column.isPrimaryKey()) {
            throw new InvalidRequestException("PRIMARY KEY part " + operation.column().toCqlString() + " found in SET part");
        }
        if (column.type().isCounter()) {
            ColumnOperation counter = counterUpdate(column, operation, variables);
            if (counter != null) return counter;
        }
        CqlType type = column.type();
        String name = operation.column().toCqlString();
        return switch (operation) {
            case Operation.SetValue set -> setValue(column, set.value(), variables);
            case Operation.Addition add -> {
                String text = name + " = " + name + " + " + TermText.of(add.value());
                checkMultiCellCollection(column, text);
                if (type instanceof MapType) yield new ColumnWrites.AddElements(column, mapAddition(add.value(), type, name, variables));
                yield new ColumnWrites.AddElements(column, Terms.resolve(add.value(), type, name, variables));
            }
            case Operation.Subtraction sub -> {
                String text = name + " = " + name + " - " + TermText.of(sub.value());
                checkMultiCellCollection(column, text);
                yield switch (type) {
                    case ListType list -> new ColumnWrites.RemoveFromList(column, Terms.resolve(sub.value(), list, name, variables));
                    case SetType set -> new ColumnWrites.RemoveElements(column, Terms.resolve(sub.value(), set, name, variables));
                    case MapType map -> {
                        try {
                            yield new ColumnWrites.RemoveElements(column,
                                    Terms.resolve(sub.value(), SetType.of(map.keyType(), false), name, variables));
                        } catch (InvalidRequestException e) {
                            throw new InvalidRequestException("Value for a map substraction has to be a set, but was: '"
                                    + TermText.of(sub.value()) + "'");
                        }
                    }
                    default -> throw new IllegalStateException();
                };
            }
            case Operation.Prepend prepend -> {
                // Cassandra's message shows the operation with '-', kept for compatibility
                String text = name + " = " + TermText.of(prepend.value()) + " - " + name;
                BoundValue value = Terms.resolve(prepend.value(), type, name, variables); // Cassandra reads the value first
                if (!(type instanceof ListType list)) {
                    throw new InvalidRequestException("Invalid operation (" + text + ") for non list column " + name);
                }
                if (!list.isMultiCell()) {
                    throw new InvalidRequestException("Invalid operation (" + text + ") for frozen list column " + name);
                }
                yield new ColumnWrites.Prepend(column, value);
            }
            case Operation.SetElement element -> setElement(column, element, variables);
            case Operation.SetField field -> setField(column, field, variables);
        };
    }

    private static ColumnOperation setValue(ColumnMetadata column, Term value, BindVariables variables) {
        String name = ColumnIdentifier.quoteIfNeeded(column.name());
        if (column.type().isMultiCell()) {
            return new ColumnWrites.Overwrite(column, Terms.resolve(value, column.type(), name, variables));
        }
        return new ColumnWrites.SetSimple(column, Terms.resolve(value, column.type(), name, variables));
    }

    private static ColumnOperation setElement(ColumnMetadata column, Operation.SetElement element, BindVariables variables) {
        String name = element.column().toCqlString();
        String text = name + "[" + TermText.of(element.key()) + "] = " + TermText.of(element.value());
        return switch (column.type()) {
            case ListType list when list.isMultiCell() -> new ColumnWrites.SetListElement(column,
                    Terms.resolve(element.key(), NativeType.INT, "idx(" + name + ")", variables),
                    Terms.resolve(element.value(), list.elementType(), "value(" + name + ")", variables));
            case MapType map when map.isMultiCell() -> new ColumnWrites.SetMapEntry(column,
                    Terms.resolve(element.key(), map.keyType(), "key(" + name + ")", variables),
                    Terms.resolve(element.value(), map.valueType(), "value(" + name + ")", variables));
            case SetType set when set.isMultiCell() ->
                    throw new InvalidRequestException("Invalid operation (" + text + ") for set column " + name);
            case ListType ignored -> throw frozen(text, column);
            case MapType ignored -> throw frozen(text, column);
            case SetType ignored -> throw frozen(text, column);
            default -> throw new InvalidRequestException("Invalid operation (" + text + ") for non collection column " + name);
        };
    }

    private static ColumnOperation setField(ColumnMetadata column, Operation.SetField field, BindVariables variables) {
        String name = field.column().toCqlString();
        String text = name + "." + field.field().toCqlString() + " = " + TermText.of(field.value());
        if (!(column.type() instanceof UserType udt)) {
            throw new InvalidRequestException("Invalid operation (" + text + ") for non-UDT column " + name);
        }
        if (!udt.isMultiCell()) throw new InvalidRequestException("Invalid operation (" + text + ") for frozen UDT column " + name);
        int index = fieldIndex(udt, column, field.field());
        return new ColumnWrites.SetField(column, index,
                Terms.resolve(field.value(), udt.fieldTypes().get(index), name + "." + field.field().toCqlString(), variables));
    }

    private static ColumnOperation deletion(TableMetadata table, ColumnPath target, BindVariables variables) {
        ColumnMetadata column = Columns.resolve(table, target.column());
        String name = target.column().toCqlString();
        if (column.isPrimaryKey()) {
            throw new InvalidRequestException("Invalid identifier " + name + " for deletion (should not be a PRIMARY KEY part)");
        }
        return switch (target) {
            case ColumnPath.Column ignored when column.type().isCounter() -> new CounterOperations.Delete(column);
            case ColumnPath.Column ignored -> new ColumnDeletions.DeleteColumn(column);
            case ColumnPath.Element element -> switch (column.type()) {
                case ListType list when list.isMultiCell() -> new ColumnDeletions.DeleteListElement(column,
                        Terms.resolve(element.key(), NativeType.INT, "idx(" + name + ")", variables));
                case SetType set when set.isMultiCell() -> new ColumnDeletions.DeleteElement(column,
                        Terms.resolve(element.key(), set.elementType(), "value(" + name + ")", variables));
                case MapType map when map.isMultiCell() -> new ColumnDeletions.DeleteElement(column,
                        Terms.resolve(element.key(), map.keyType(), "key(" + name + ")", variables));
                case ListType ignored -> throw frozenDeletion(name);
                case SetType ignored -> throw frozenDeletion(name);
                case MapType ignored -> throw frozenDeletion(name);
                default -> throw new InvalidRequestException("Invalid deletion operation for non collection column " + name);
            };
            case ColumnPath.Field field -> {
                if (!(column.type() instanceof UserType udt)) {
                    throw new InvalidRequestException("Invalid field deletion operation for non-UDT column " + name);
                }
                if (!udt.isMultiCell()) throw new InvalidRequestException("Frozen UDT column " + name + " does not support field deletions");
                yield new ColumnDeletions.DeleteField(column, fieldIndex(udt, column, field.field()));
            }
        };
    }

    /**
     * Cassandra refuses a plain assignment combined with any other operation on the same column, and two
     * assignments of the same UDT field.
     */
    private static void checkCompatible(List<Operation> operations) {
        Set<String> assigned = new HashSet<>(), touched = new HashSet<>(), fields = new HashSet<>();
        for (Operation operation : operations) {
            String name = operation.column().name();
            boolean plain = operation instanceof Operation.SetValue;
            boolean sameField = operation instanceof Operation.SetField field && !fields.add(name + "." + field.field().name());
            if ((plain && touched.contains(name)) || assigned.contains(name) || sameField) {
                throw new SyntaxException("Multiple incompatible setting of column " + operation.column().toCqlString());
            }
            touched.add(name);
            if (plain) assigned.add(name);
        }
    }

    /** {@code m = m + value}: Cassandra words every refusal of the value alike, a literal null inside included. */
    private static BoundValue mapAddition(Term value, CqlType type, String name, BindVariables variables) {
        InvalidRequestException refusal = new InvalidRequestException("Value for a map addition has to be a map, but was: '"
                + TermText.of(value).replace(": null", ": NULL") + "'");
        if (value instanceof Term.MapLiteral map && map.entries().stream()
                .anyMatch(e -> e.key() instanceof Term.NullLiteral || e.value() instanceof Term.NullLiteral)) {
            throw refusal;
        }
        try {
            return Terms.resolve(value, type, name, variables);
        } catch (InvalidRequestException e) {
            throw refusal;
        }
    }

    private static void checkMultiCellCollection(ColumnMetadata column, String text) {
        String name = ColumnIdentifier.quoteIfNeeded(column.name());
        if (column.type() instanceof TupleType || column.type() instanceof UserType) {
            throw new InvalidRequestException("Invalid operation (" + text + ") for tuple column " + name); // UDTs too, as in Cassandra
        }
        if (!column.type().isCollection()) {
            throw new InvalidRequestException("Invalid operation (" + text + ") for non counter column " + name);
        }
        if (!column.type().isMultiCell()) throw frozen(text, column);
    }

    /**
     * {@code c = c + n} and {@code c = c - n} on a counter, Cassandra's refusal of {@code c = n}; null for the
     * other operations, refused as on any non-collection column.
     */
    private static ColumnOperation counterUpdate(ColumnMetadata column, Operation operation, BindVariables variables) {
        String name = operation.column().toCqlString();
        Term delta;
        switch (operation) {
            case Operation.SetValue ignored -> throw new InvalidRequestException("Cannot set the value of counter column " + name
                    + " (counters can only be incremented/decremented, not set)");
            case Operation.Addition add -> delta = add.value();
            case Operation.Subtraction sub -> delta = sub.value();
            default -> {
                return null;
            }
        }
        if (delta instanceof Term.NullLiteral) throw new InvalidRequestException("Invalid null value for counter increment/decrement");
        return new CounterOperations.Increment(column, Terms.resolve(delta, column.type(), name, variables),
                operation instanceof Operation.Subtraction);
    }

    private static int fieldIndex(UserType udt, ColumnMetadata column, ColumnIdentifier field) {
        int index = udt.fieldIndex(field.name());
        if (index < 0) {
            throw new InvalidRequestException("UDT column " + ColumnIdentifier.quoteIfNeeded(column.name())
                    + " does not have a field named " + field.toCqlString());
        }
        return index;
    }

    private static InvalidRequestException frozen(String text, ColumnMetadata column) {
        return new InvalidRequestException("Invalid operation (" + text + ") for frozen collection column "
                + ColumnIdentifier.quoteIfNeeded(column.name()));
    }

    private static InvalidRequestException frozenDeletion(String name) {
        return new InvalidRequestException("Invalid deletion operation for frozen collection column " + name);
    }
}
