package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.Selector;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.cql.statements.select.selection.Selection.Kind;
import org.charybdis.server.cql.statements.select.selection.Selection.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Resolves a SELECT clause against a table, with Cassandra's names, types and errors. */
public final class SelectionCompiler {
    private SelectionCompiler() {}

    public static Selection compile(TableMetadata table, List<org.charybdis.cql.syntax.Selection> selectors, boolean distinct) {
        List<Output> outputs = new ArrayList<>();
        if (selectors.isEmpty()) {
            for (ColumnMetadata c : table.allColumns()) {
                if (distinct) checkDistinct(c);
                outputs.add(column(table, c, null));
            }
            return new Selection(outputs);
        }
        for (org.charybdis.cql.syntax.Selection s : selectors) {
            Output output = output(table, s.selector(), s.alias());
            if (distinct && output.column() != null) checkDistinct(output.column());
            outputs.add(output);
        }
        return new Selection(outputs);
    }

    private static Output output(TableMetadata table, Selector selector, ColumnIdentifier alias) {
        return switch (selector) {
            case Selector.Column c -> column(table, resolve(table, c.column()), alias);
            case Selector.CountRows ignored -> new Output(Kind.COUNT, null, spec(table, alias, "count", NativeType.BIGINT));
            case Selector.FunctionCall call -> function(table, call, alias);
            default -> throw new InvalidRequestException("Selector " + selector.getClass().getSimpleName() + " is not supported yet");
        };
    }

    private static Output function(TableMetadata table, Selector.FunctionCall call, ColumnIdentifier alias) {
        String name = call.function().name().toLowerCase(Locale.ROOT);
        List<Selector> args = call.arguments();
        switch (name) {
            case "writetime", "ttl" -> {
                ColumnMetadata column = singleColumnArgument(table, name, args);
                if (column.isPrimaryKey()) {
                    throw new InvalidRequestException("Cannot use selection function " + name + " on PRIMARY KEY part " + column.name());
                }
                boolean writetime = name.equals("writetime");
                CqlType type = writetime ? NativeType.BIGINT : NativeType.INT;
                if (column.type().isMultiCell()) type = ListType.of(type, false);
                return new Output(writetime ? Kind.WRITETIME : Kind.TTL, column,
                        spec(table, alias, name + "(" + column.name() + ")", type));
            }
            case "token" -> {
                List<ColumnMetadata> key = table.partitionKey();
                if (args.size() != key.size()) {
                    throw new InvalidRequestException("Invalid number of arguments in call to function system.token: "
                            + key.size() + " required but " + args.size() + " provided");
                }
                StringBuilder label = new StringBuilder("system.token(");
                for (int i = 0; i < args.size(); i++) {
                    ColumnMetadata c = args.get(i) instanceof Selector.Column col ? resolve(table, col.column()) : null;
                    if (c == null || c != key.get(i)) {
                        throw new InvalidRequestException("Type error: " + args.get(i) + " cannot be passed as argument " + i
                                + " of function system.token of type " + key.get(i).type().cqlName());
                    }
                    label.append(i == 0 ? "" : ", ").append(c.name());
                }
                return new Output(Kind.TOKEN, null, spec(table, alias, label.append(')').toString(), NativeType.BIGINT));
            }
            case "count" -> {
                if (args.size() == 1 && args.get(0) instanceof Selector.Value v && v.term() instanceof Term.Literal) {
                    return new Output(Kind.COUNT, null, spec(table, alias, "count", NativeType.BIGINT));
                }
                throw new InvalidRequestException("count() is only supported as count(*) or count(1) yet");
            }
            default -> throw new InvalidRequestException("Function " + call.function() + " is not supported yet in selections");
        }
    }

    private static ColumnMetadata singleColumnArgument(TableMetadata table, String function, List<Selector> args) {
        if (args.size() != 1 || !(args.get(0) instanceof Selector.Column column)) {
            throw new InvalidRequestException("Invalid arguments for function " + function + ": a single column is required");
        }
        return resolve(table, column.column());
    }

    private static Output column(TableMetadata table, ColumnMetadata c, ColumnIdentifier alias) {
        return new Output(Kind.COLUMN, c, spec(table, alias, c.name(), c.type()));
    }

    private static ColumnSpec spec(TableMetadata table, ColumnIdentifier alias, String name, CqlType type) {
        return new ColumnSpec(table.keyspace(), table.name(), alias != null ? alias.name() : name, type);
    }

    /** The table's column of that name, or Cassandra's "Undefined column name" error. */
    public static ColumnMetadata resolve(TableMetadata table, ColumnIdentifier name) {
        ColumnMetadata c = table.column(name.name());
        if (c == null) {
            throw new InvalidRequestException("Undefined column name " + name.toCqlString() + " in table " + table);
        }
        return c;
    }

    private static void checkDistinct(ColumnMetadata c) {
        if (c.kind() == ColumnMetadata.Kind.PARTITION_KEY || c.isStatic()) return;
        throw new InvalidRequestException("SELECT DISTINCT queries must only request partition key columns and/or static columns (not "
                + c.name() + ")");
    }
}
