package org.charybdis.server.cql.statements.select;

import org.charybdis.server.cql.Columns;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.syntax.Selector;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.cql.restrictions.Restrictions;
import org.charybdis.server.cql.statements.select.selection.SelectionCompiler;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.cql.terms.functions.Assignment;
import org.charybdis.server.cql.terms.functions.FunctionArgument;
import org.charybdis.server.cql.terms.functions.FunctionResolver;
import org.charybdis.server.cql.terms.functions.NativeFunction;
import org.charybdis.server.cql.terms.functions.ScalarFunction;
import org.charybdis.server.cql.terms.functions.TypeCompatibility;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks a GROUP BY clause with Cassandra 5.0's rules and messages and compiles it to a {@link GroupBy}. */
final class GroupByCompiler {
    private static final String ORDER = "Group by currently only support groups of columns following their declared order in the PRIMARY KEY";
    /** The functions 5.0 accepts in GROUP BY: those that keep the clustering order (floor and time conversions). */
    private static final Set<String> MONOTONIC = Set.of("floor", "todate", "to_date", "totimestamp", "to_timestamp",
            "tounixtimestamp", "to_unix_timestamp");

    private GroupByCompiler() {}

    /** The compiled clause, or null when the statement has none. */
    static GroupBy compile(TableMetadata table, List<Selector> groups, Restrictions restrictions, boolean distinct) {
        if (groups.isEmpty()) return null;
        Iterator<ColumnMetadata> primaryKey = primaryKey(table).iterator();
        ColumnMetadata last = null;
        int prefix = 0;
        ScalarFunction function = null;
        ByteBuffer[] arguments = null;
        int columnArgument = -1;
        for (int i = 0; i < groups.size(); i++) {
            Selector group = groups.get(i);
            ColumnMetadata column;
            if (function != null) {
                // after a function: Cassandra finds a second function's column already grouped
                throw new InvalidRequestException(group instanceof Selector.FunctionCall ? ORDER
                        : "Functions are only supported on the last element of the GROUP BY clause");
            }
            if (group instanceof Selector.FunctionCall call) {
                FunctionGroup f = function(table, call);
                column = f.column;
                function = f.function;
                arguments = f.arguments;
                columnArgument = f.columnArgument;
            } else if (group instanceof Selector.Column c) {
                column = Columns.resolve(table, c.column());
            } else {
                throw new InvalidRequestException("GROUP BY only accepts column names and functions of a clustering column, got " + group);
            }
            if (!column.isPrimaryKey()) {
                throw new InvalidRequestException("Group by is currently only supported on the columns of the PRIMARY KEY, got " + column.name());
            }
            while (true) {
                if (!primaryKey.hasNext()) throw new InvalidRequestException(ORDER);
                ColumnMetadata next = primaryKey.next();
                if (next.name().equals(column.name())) break;
                if (!restrictions.isRestrictedByEq(next)) throw new InvalidRequestException(ORDER);
            }
            last = column;
        }
        if (last.kind() == ColumnMetadata.Kind.PARTITION_KEY && last.position() < table.partitionKey().size() - 1) {
            throw new InvalidRequestException("Group by is not supported on only a part of the partition key");
        }
        boolean clustering = last.kind() == ColumnMetadata.Kind.CLUSTERING;
        if (clustering && distinct) throw new InvalidRequestException("Grouping on clustering columns is not allowed for SELECT DISTINCT queries");
        if (clustering) prefix = function == null ? last.position() + 1 : last.position();
        return new GroupBy(table, prefix, function, arguments, columnArgument);
    }

    private record FunctionGroup(ColumnMetadata column, ScalarFunction function, ByteBuffer[] arguments, int columnArgument) {}

    /** {@code floor(t, 1h)}: one clustering column (first argument) and constants. */
    private static FunctionGroup function(TableMetadata table, Selector.FunctionCall call) {
        ColumnMetadata column = null;
        int columnArgument = -1;
        int columnArguments = 0;
        Set<String> columnNames = new LinkedHashSet<>();
        List<FunctionArgument> arguments = new ArrayList<>();
        for (int i = 0; i < call.arguments().size(); i++) {
            Selector a = call.arguments().get(i);
            if (a instanceof Selector.Column c) {
                ColumnMetadata resolved = Columns.resolve(table, c.column());
                columnNames.add(resolved.name());
                column = resolved;
                if (columnArgument < 0) columnArgument = i;
                columnArguments++;
                arguments.add(FunctionArgument.typed(resolved.type(), resolved.name()));
            } else if (a instanceof Selector.Value(Term term) && !(term instanceof Term.BindMarker)) {
                arguments.add(constant(term));
            } else {
                throw new InvalidRequestException("GROUP BY functions must have one clustering column name as parameter");
            }
        }
        if (columnNames.size() > 1) {
            throw new InvalidRequestException("GROUP BY functions accept only one clustering column as parameter, got: " + String.join(",", columnNames));
        }
        if (column == null) throw new InvalidRequestException("GROUP BY functions must have one clustering column name as parameter");
        if (column.kind() != ColumnMetadata.Kind.CLUSTERING) {
            throw new InvalidRequestException("Group by functions are only supported on clustering columns, got " + column.name());
        }
        String name = call.function().name().toLowerCase(Locale.ROOT);
        NativeFunction resolved = FunctionResolver.resolve(new QualifiedName(call.function().keyspace(), name), arguments, null, null,
                FunctionResolver.Context.SELECTION);
        // a function keeps the clustering order only of its first argument, the others being constants
        if (!(resolved instanceof ScalarFunction scalar) || !MONOTONIC.contains(name) || columnArgument != 0 || columnArguments > 1) {
            throw new InvalidRequestException("Only monotonic functions are supported in the GROUP BY clause. Got: "
                    + signature(resolved, call.arguments()) + " ");
        }
        ByteBuffer[] values = new ByteBuffer[arguments.size()];
        for (int i = 1; i < values.length; i++) {
            Term term = ((Selector.Value) call.arguments().get(i)).term();
            values[i] = Terms.constant(term, scalar.argTypes().get(i), arguments.get(i).text());
        }
        return new FunctionGroup(column, scalar, values, columnArgument);
    }

    /** As Cassandra shows a call in this error: {@code system.floor : (timestamp, duration(constant)) -> timestamp}. */
    private static String signature(NativeFunction function, List<Selector> arguments) {
        StringBuilder s = new StringBuilder("system.").append(function.name()).append(" : (");
        for (int i = 0; i < function.argTypes().size(); i++) {
            s.append(i == 0 ? "" : ", ").append(function.argTypes().get(i).cqlName());
            if (!(arguments.get(i) instanceof Selector.Column)) s.append("(constant)");
        }
        return s.append(") -> ").append(function.returnType().cqlName()).toString();
    }

    private static FunctionArgument constant(Term term) {
        return new FunctionArgument() {
            @Override
            public Assignment assignmentTo(CqlType type) {
                return term instanceof Term.Literal literal ? TypeCompatibility.assignment(literal, type) : Assignment.WEAK;
            }

            @Override
            public String text() {
                return term instanceof Term.Literal l && l.kind() == Term.LiteralKind.STRING ? "'" + l.text() + "'"
                        : term instanceof Term.Literal l2 ? l2.text() : term.toString();
            }
        };
    }

    private static List<ColumnMetadata> primaryKey(TableMetadata table) {
        List<ColumnMetadata> columns = new ArrayList<>(table.partitionKey());
        columns.addAll(table.clustering());
        return columns;
    }
}
