package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.ArithmeticOperator;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.syntax.RawType;
import org.charybdis.cql.syntax.Selector;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.cql.Columns;
import org.charybdis.server.cql.statements.schema.ColumnTypes;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.ColumnMasks;
import org.charybdis.server.cql.terms.TermText;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.cql.terms.functions.AggregateFunction;
import org.charybdis.server.cql.terms.functions.Aggregates;
import org.charybdis.server.cql.terms.functions.Assignment;
import org.charybdis.server.cql.terms.functions.CastFunctions;
import org.charybdis.server.cql.terms.functions.FunctionArgument;
import org.charybdis.server.cql.terms.functions.FunctionResolver;
import org.charybdis.server.cql.terms.functions.JsonFunctions;
import org.charybdis.server.cql.terms.functions.NativeFunction;
import org.charybdis.server.cql.terms.functions.Operations;
import org.charybdis.server.cql.terms.functions.ScalarFunction;
import org.charybdis.server.cql.terms.functions.TypeCompatibility;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.dht.Murmur3Partitioner;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compiles one selector expression of a SELECT clause (columns, function calls, CAST, arithmetic,
 * writetime/ttl, aggregates, element, slice and field selectors) into a {@link SelectorNode}, with Cassandra's result types, column names
 * and errors.
 */
final class SelectorCompiler {
    /** A compiled selector; {@code column} is set when it is a plain column reference. */
    record Compiled(SelectorNode node, CqlType type, String label, ColumnMetadata column) {}

    private final TableMetadata table;
    private final boolean masked;
    private final BindVariables variables;
    /** The bind markers of the selection, by slot: bound once per execution, read by every row. */
    private final List<BoundValue> markers = new ArrayList<>();
    private final CompositeSelectors composites = new CompositeSelectors(this::compile, this::value);

    /**
     * @param masked    whether a masked column's value goes through its mask
     * @param variables the statement's bind variables, which markers in function arguments join
     */
    SelectorCompiler(TableMetadata table, boolean masked, BindVariables variables) {
        this.table = table;
        this.masked = masked;
        this.variables = variables;
    }

    /** The selection's bind markers, each read by rows as {@code SelectedRow.markers()[slot]}. */
    List<BoundValue> markers() {
        return markers;
    }

    Compiled compile(Selector selector) {
        return switch (selector) {
            case Selector.Column c -> {
                ColumnMetadata column = Columns.resolve(table, c.column());
                SelectorNode value = new SelectorNode.PerRow(row -> Selection.columnValue(column, row.keyComponents(), row.staticRow(), row.row()));
                yield new Compiled(masked && column.mask() != null ? masked(column, value) : value, column.type(), column.name(), column);
            }
            case Selector.CountRows ignored -> aggregate(Aggregates.countRows(), null, "count");
            case Selector.FunctionCall call -> call(call);
            case Selector.Cast cast -> cast(cast);
            case Selector.Arithmetic arithmetic -> arithmetic(arithmetic);
            case Selector.Negation negation -> negation(negation);
            case Selector.TypeHint hint -> typeHint(hint);
            case Selector.Tuple tuple -> composites.tuple(tuple, null, "");
            case Selector.Collection collection -> composites.collection(collection, null, "");
            case Selector.Element element -> ElementSelectors.element(compile(element.selector()), element, this::key);
            case Selector.Slice slice -> ElementSelectors.slice(compile(slice.selector()), slice, this::key);
            case Selector.FieldAccess field -> ElementSelectors.field(compile(field.selector()), field);
            case Selector.Value value -> throw cannotInfer(value.term());
            default -> throw new InvalidRequestException("Selector " + selector.getClass().getSimpleName() + " is not supported yet");
        };
    }

    /** The column's value through its mask, the mask's constants as the further arguments. */
    private static SelectorNode masked(ColumnMetadata column, SelectorNode value) {
        List<SelectorNode> arguments = new ArrayList<>();
        arguments.add(value);
        for (ByteBuffer constant : column.mask().arguments()) arguments.add(constant(constant));
        return new SelectorNode.Call(ColumnMasks.function(column), arguments);
    }

    private Compiled call(Selector.FunctionCall call) {
        String name = call.function().name().toLowerCase(Locale.ROOT);
        boolean system = call.function().keyspace() == null || call.function().keyspace().equals("system");
        List<Selector> args = call.arguments();
        CellMetadata.Kind metadata = call.function().keyspace() == null ? CellMetadata.Kind.named(name) : null;
        if (metadata != null) return cellMetadata(metadata, args);
        if (system && name.equals("token")) return token(args);
        if (JsonFunctions.isToJson(call.function())) return toJson(args);
        if (system && (name.equals("count") || name.equals("min") || name.equals("max"))) return anyTypeAggregate(name, args);
        List<Argument> arguments = new ArrayList<>(args.size());
        for (Selector a : args) arguments.add(argument(a));
        NativeFunction function = FunctionResolver.resolve(new QualifiedName(call.function().keyspace(), name), arguments, null, null,
                FunctionResolver.Context.SELECTION);
        String label = function.qualifiedName() + "(" + labels(arguments) + ")";
        if (function instanceof AggregateFunction aggregate) {
            return aggregate(aggregate, aggregateArgument(AggregateArguments.of(nodes(arguments, function), function.argTypes())), label);
        }
        return new Compiled(new SelectorNode.Call((ScalarFunction) function, nodes(arguments, function)), function.returnType(), label, null);
    }

    /** toJson takes any type: the function is made for the argument's type. */
    private Compiled toJson(List<Selector> args) {
        if (args.size() != 1) throw JsonFunctions.toJsonArgumentCount();
        if (args.get(0) instanceof Selector.Value(Term.BindMarker marker)) {
            throw JsonFunctions.toJsonUntypedArgument(marker.name() == null ? "?" : ":" + marker.name());
        }
        Argument argument = argument(args.get(0));
        CqlType type = argument.ownType();
        if (type == null) throw JsonFunctions.toJsonUntypedArgument(argument.text());
        return new Compiled(new SelectorNode.Call(JsonFunctions.toJson(type), List.of(argument.node(type))), NativeType.TEXT,
                "system.tojson(" + argument.text() + ")", null);
    }

    /** count, min and max take any type: the overload is made for the argument's type. */
    private Compiled anyTypeAggregate(String name, List<Selector> args) {
        if (args.size() != 1) {
            throw new InvalidRequestException("Invalid number of arguments in call to function system." + name + ": 1 required but "
                    + args.size() + " provided");
        }
        if (name.equals("count") && args.get(0) instanceof Selector.Value(Term.Literal l) && l.text().equals("1")) {
            return aggregate(Aggregates.countRows(), null, "count");
        }
        Compiled arg = compile(args.get(0));
        SelectorNode argument = aggregateArgument(arg.node());
        AggregateFunction function = switch (name) {
            case "count" -> Aggregates.count(arg.type());
            case "min" -> Aggregates.min(arg.type());
            default -> Aggregates.max(arg.type());
        };
        return aggregate(function, argument, "system." + name + "(" + arg.label() + ")");
    }

    private static SelectorNode aggregateArgument(SelectorNode argument) {
        if (argument != null && argument.hasAggregate()) throw new InvalidRequestException("aggregate functions cannot be used as arguments of aggregate functions");
        return argument;
    }

    private static Compiled aggregate(AggregateFunction function, SelectorNode argument, String label) {
        return new Compiled(new SelectorNode.Aggregate(function, argument), function.returnType(), label, null);
    }

    private Compiled cellMetadata(CellMetadata.Kind kind, List<Selector> args) {
        if (args.size() == 1 && args.get(0) instanceof Selector.Element e && e.selector() instanceof Selector.Column) {
            return cellMetadataOfKeys(kind, e, e.selector(), e.key(), e.key());
        }
        if (args.size() == 1 && args.get(0) instanceof Selector.Slice s && s.selector() instanceof Selector.Column) {
            return cellMetadataOfKeys(kind, s, s.selector(), s.from(), s.to());
        }
        if (args.size() != 1 || !(args.get(0) instanceof Selector.Column c)) {
            throw new InvalidRequestException("Invalid arguments for function " + kind.function + ": a single column is required");
        }
        ColumnMetadata column = Columns.resolve(table, c.column());
        if (column.isPrimaryKey()) {
            throw new InvalidRequestException("Cannot use selection function " + kind.function + " on PRIMARY KEY part " + column.name());
        }
        return new Compiled(new SelectorNode.PerRow(CellMetadata.of(kind, column)), CellMetadata.type(kind, column),
                kind.function + "(" + column.name() + ")", null);
    }

    /**
     * writetime, maxwritetime or ttl of a set's or map's element ({@code s[1]}, one value) or slice ({@code m['a'..'c']},
     * a list), as Cassandra 5.0 answers them; the element selector checks the collection (lists refused).
     */
    private Compiled cellMetadataOfKeys(CellMetadata.Kind kind, Selector selection, Selector collection, Term from, Term to) {
        Compiled selected = compile(selection);
        ColumnMetadata column = Columns.resolve(table, ((Selector.Column) collection).column());
        CqlType keyType = column.type() instanceof MapType map ? map.keyType() : ((SetType) column.type()).elementType();
        boolean single = selection instanceof Selector.Element;
        if (from instanceof Term.BindMarker || to instanceof Term.BindMarker) {
            // Cassandra fails on them with a server error
            throw new InvalidRequestException("Bind markers are not supported in the keys of " + kind.function + " selections");
        }
        ByteBuffer start = from == null ? null : Terms.constant(from, keyType, "key(" + column.name() + ")");
        ByteBuffer end = to == null ? null : Terms.constant(to, keyType, "key(" + column.name() + ")");
        return new Compiled(new SelectorNode.PerRow(CellMetadata.ofKeys(kind, column, keyType, start, end, single)),
                CellMetadata.typeOfKeys(kind, single), kind.function + "(" + selected.label() + ")", null);
    }

    /** token() of this table: one argument per partition key column, of its type. */
    private Compiled token(List<Selector> args) {
        List<ColumnMetadata> key = table.partitionKey();
        if (args.size() != key.size()) {
            throw new InvalidRequestException("Invalid number of arguments in call to function system.token: "
                    + key.size() + " required but " + args.size() + " provided");
        }
        List<CqlType> types = new ArrayList<>();
        List<Argument> arguments = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Argument a = argument(args.get(i));
            CqlType type = key.get(i).type();
            if (!a.assignmentTo(type).isAssignable()) {
                throw new InvalidRequestException("Type error: " + a.text() + " cannot be passed as argument " + i
                        + " of function system.token of type " + type.cqlName());
            }
            types.add(type);
            arguments.add(a);
        }
        ScalarFunction token = ScalarFunction.of("token", NativeType.BIGINT, types,
                values -> NativeType.BIGINT.serialize(Murmur3Partitioner.token(PartitionKeys.serialize(Arrays.asList(values)))));
        return new Compiled(new SelectorNode.Call(token, nodes(arguments, token)), NativeType.BIGINT, "system.token(" + labels(arguments) + ")", null);
    }

    private Compiled cast(Selector.Cast cast) {
        Compiled arg = compile(cast.selector());
        String typeName = cast.type() instanceof RawType.Named n && n.isNative() ? n.name() : cast.type().toCqlString();
        NativeType target = cast.type() instanceof RawType.Named n && n.isNative() ? NativeType.byName(n.name()) : null;
        // Cassandra ignores a cast of a value to its own type
        if (target != null && target.equals(arg.type())) return arg;
        QualifiedName name = new QualifiedName("system", CastFunctions.functionName(typeName));
        if (FunctionResolver.candidates(name).isEmpty()) {
            throw new InvalidRequestException(firstColumnName(cast.selector()) + " cannot be cast to " + typeName);
        }
        Argument argument = new Argument(arg, null);
        NativeFunction function = FunctionResolver.resolve(name, List.of(argument), null, null, FunctionResolver.Context.SELECTION);
        return new Compiled(new SelectorNode.Call((ScalarFunction) function, List.of(arg.node())), function.returnType(),
                "cast(" + arg.label() + " as " + typeName.toLowerCase(Locale.ROOT) + ")", null);
    }

    private Compiled arithmetic(Selector.Arithmetic arithmetic) {
        if (isMarker(arithmetic.left()) || isMarker(arithmetic.right())) {
            throw Operations.ambiguous(arithmetic.operator(), operandText(arithmetic.left()), operandText(arithmetic.right()));
        }
        Argument left = argument(arithmetic.left());
        Argument right = argument(arithmetic.right());
        String label = operand(left.text(), arithmetic.left(), arithmetic.operator(), false) + " " + arithmetic.operator().symbol()
                + " " + operand(right.text(), arithmetic.right(), arithmetic.operator(), true);
        CqlType leftType = left.ownType();
        CqlType rightType = right.ownType();
        ScalarFunction function = leftType == null || rightType == null ? null : Operations.binary(arithmetic.operator(), leftType, rightType);
        if (function == null) {
            throw new InvalidRequestException("the '" + arithmetic.operator().symbol() + "' operation is not supported between "
                    + left.text() + " and " + right.text());
        }
        return new Compiled(new SelectorNode.Call(function, nodes(List.of(left, right), function)), function.returnType(), label, null);
    }

    private Compiled negation(Selector.Negation negation) {
        Compiled operand = compile(negation.operand());
        ScalarFunction function = Operations.negation(operand.type());
        if (function == null) {
            throw new InvalidRequestException("the '-' operation is not supported on " + operand.label() + " of type " + operand.type().cqlName());
        }
        return new Compiled(new SelectorNode.Call(function, List.of(operand.node())), function.returnType(), "-" + operand.label(), null);
    }

    private Compiled typeHint(Selector.TypeHint hint) {
        RawType raw = hint.type();
        String hintText = "(" + Terms.hintedTypeName(raw, variables.keyspace()) + ")";
        if (hint.selector() instanceof Selector.Value(Term term)) {
            CqlType type = hintedType(raw);
            if (type == null && variables.schema() != null) type = ColumnTypes.resolve(raw, variables.keyspace(), variables.schema());
            if (type == null) throw cannotInfer(term);
            return new Compiled(value(term, type), type, hintText + text(term), null);
        }
        CqlType hinted = variables.schema() == null ? null : ColumnTypes.resolve(raw, variables.keyspace(), variables.schema());
        if (hint.selector() instanceof Selector.Tuple tuple && hinted instanceof TupleType tupleType) {
            return composites.tuple(tuple, tupleType, hintText);
        }
        if (hint.selector() instanceof Selector.Collection collection && hinted instanceof CollectionType collectionType
                && CompositeSelectors.kind(collectionType) == collection.kind()) {
            return composites.collection(collection, collectionType, hintText);
        }
        return compile(hint.selector());
    }

    /** A constant or marker read as {@code type}. */
    SelectorNode value(Term term, CqlType type) {
        if (term instanceof Term.BindMarker marker) return marker(marker, type, "[selection]");
        return constant(Terms.constant(term, type, "(" + type.cqlName() + ")" + text(term)));
    }

    private static InvalidRequestException cannotInfer(Term term) {
        return cannotInfer(text(term));
    }

    static InvalidRequestException cannotInfer(String term) {
        return new InvalidRequestException("Cannot infer type for term " + term + " in selection clause (try using a cast to force a type)");
    }

    /** The key of an element or slice selector, of the key's type: a constant, or a term of markers read per execution. */
    private RowExpression key(Term term, CqlType keyType, String receiver) {
        BoundValue value = Terms.resolve(term, keyType, receiver, variables);
        if (value instanceof BoundValue.Constant(ByteBuffer constant)) {
            if (constant == null) throw new InvalidRequestException("Invalid null value for " + receiver);
            return constant(constant).perRow();
        }
        return bound(value).perRow();
    }

    private static boolean isMarker(Selector selector) {
        return selector instanceof Selector.Value(Term.BindMarker ignored);
    }

    /** An operand as Cassandra's arithmetic errors show it: a marker, named or not, is {@code ?}. */
    private String operandText(Selector operand) {
        return isMarker(operand) ? "?" : argument(operand).text();
    }

    /** The type a hint on a constant names: a native type, or a vector of one; null for any other. */
    private static CqlType hintedType(RawType raw) {
        if (raw instanceof RawType.Named n && n.isNative()) return NativeType.byName(n.name());
        if (raw instanceof RawType.Vector v && v.dimension() > 0 && hintedType(v.element()) instanceof NativeType element) {
            return VectorType.of(element, v.dimension());
        }
        return null;
    }

    private static SelectorNode constant(ByteBuffer value) {
        return new SelectorNode.PerRow(row -> value == null ? null : value.duplicate());
    }

    /** An argument of a call: a compiled selector, or a constant or marker typed only once the overload is known. */
    private Argument argument(Selector selector) {
        if (selector instanceof Selector.Value(Term term)) return new Argument(null, term);
        return new Argument(compile(selector), null);
    }

    /** The arguments' nodes, for a function of these parameter types. */
    private List<SelectorNode> nodes(List<Argument> arguments, NativeFunction function) {
        List<SelectorNode> nodes = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            Argument argument = arguments.get(i);
            CqlType type = function.argTypes().get(i);
            nodes.add(argument.term() instanceof Term.BindMarker marker ? marker(marker, type, "[selection]") : argument.node(type));
        }
        return nodes;
    }

    /**
     * A marker of the selection, named {@code receiver} in the bind variables as Cassandra names it ({@code [selection]}
     * for a function argument or a hinted value, {@code key(m)} for an element's key).
     */
    private SelectorNode marker(Term.BindMarker marker, CqlType type, String receiver) {
        return bound(Terms.resolve(marker, type, receiver, variables));
    }

    /** A value known once the execution's bind values are: bound once, read by every row. */
    private SelectorNode bound(BoundValue value) {
        int slot = markers.size();
        markers.add(value);
        return new SelectorNode.PerRow(row -> {
            ByteBuffer bytes = row.markers()[slot];
            return bytes == null ? null : bytes.duplicate();
        });
    }

    private static String labels(List<Argument> arguments) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < arguments.size(); i++) s.append(i == 0 ? "" : ", ").append(arguments.get(i).text());
        return s.toString();
    }

    /** Parenthesizes an operand that binds less tightly than its operator (the parser drops the parentheses). */
    private static String operand(String label, Selector operand, ArithmeticOperator parent, boolean right) {
        if (!(operand instanceof Selector.Arithmetic child)) return label;
        int parentRank = rank(parent), childRank = rank(child.operator());
        return childRank < parentRank || (right && childRank == parentRank) ? "(" + label + ")" : label;
    }

    private static int rank(ArithmeticOperator op) {
        return op == ArithmeticOperator.ADD || op == ArithmeticOperator.SUBTRACT ? 0 : 1;
    }

    private String firstColumnName(Selector selector) {
        return switch (selector) {
            case Selector.Column c -> Columns.resolve(table, c.column()).name();
            case Selector.FunctionCall call -> call.arguments().isEmpty() ? call.function().name() : firstColumnName(call.arguments().get(0));
            case Selector.Cast cast -> firstColumnName(cast.selector());
            case Selector.Arithmetic a -> firstColumnName(a.left());
            case Selector.Negation n -> firstColumnName(n.operand());
            case Selector.Value v -> text(v.term());
            default -> selector.toString();
        };
    }

    static String text(Term term) {
        return TermText.of(term);
    }

    /** A function argument: compiled (typed) or a constant term. */
    private record Argument(Compiled compiled, Term term) implements FunctionArgument {
        @Override
        public Assignment assignmentTo(CqlType type) {
            if (compiled != null) return TypeCompatibility.assignment(type, compiled.type());
            if (term instanceof Term.Literal literal) return TypeCompatibility.assignment(literal, type);
            return Assignment.WEAK;
        }

        @Override
        public String text() {
            return compiled != null ? compiled.label() : SelectorCompiler.text(term);
        }

        /** The type this argument has by itself: a compiled selector's, or a constant's preferred type. */
        @Override
        public CqlType ownType() {
            if (compiled != null) return compiled.type();
            return term instanceof Term.Literal literal ? TypeCompatibility.preferredType(literal) : null;
        }

        @Override
        public int listLiteralSize() {
            return term instanceof Term.ListLiteral list ? list.elements().size() : -1;
        }

        SelectorNode node(CqlType type) {
            if (compiled != null) return compiled.node();
            return constant(Terms.constant(term, type, text()));
        }
    }
}
