package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.cql.Columns;
import org.charybdis.server.cql.terms.TermText;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.InsertStatement;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.json.JsonRow;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code INSERT INTO t JSON '..' [DEFAULT NULL|UNSET]}: an INSERT of every column of the table, each
 * valued from the JSON object. A literal object is decoded once, here; a bound one ({@code JSON ?},
 * named {@code [json]}) once per execution. Missing key columns fail at execution as null or unset
 * values do.
 */
final class JsonInsert {
    private JsonInsert() {}

    static CompiledInsert compile(InsertStatement insert, TableMetadata table, BindVariables variables) {
        WriteAttributes attributes = WriteAttributes.compile(insert.attributes(), variables);
        StatementConditions conditions = insert.ifNotExists() ? StatementConditions.ifNotExists() : null;
        if (conditions != null) StatementConditions.checkStatement(table, attributes);
        // as Cassandra 5.0, which wants a value for a static compact table's hidden clustering column and finds no such column
        for (ColumnMetadata column : table.clustering()) Columns.resolve(table, new ColumnIdentifier(column.name()));
        JsonRow row = new JsonRow(table);
        Values values = values(insert.json(), row, insert.jsonDefault() == InsertStatement.JsonDefault.UNSET, variables);
        BoundValue[] partitionKey = new BoundValue[table.partitionKey().size()];
        BoundValue[] clustering = new BoundValue[table.clustering().size()];
        List<ColumnOperation> operations = new ArrayList<>();
        List<ColumnMetadata> columns = row.columns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnMetadata column = columns.get(i);
            BoundValue value = values.column(i);
            switch (column.kind()) {
                case PARTITION_KEY -> partitionKey[column.position()] = value;
                case CLUSTERING -> clustering[column.position()] = value;
                default -> operations.add(column.type().isMultiCell()
                        ? new ColumnWrites.Overwrite(column, value) : new ColumnWrites.SetSimple(column, value));
            }
        }
        return new CompiledInsert(table, attributes, variables, new int[0], partitionKey, clustering, operations, false, conditions);
    }

    private static Values values(Term json, JsonRow row, boolean defaultUnset, BindVariables variables) {
        return switch (json) {
            case Term.Literal literal when literal.kind() == Term.LiteralKind.STRING ->
                    new Constant(row.decode(literal.text(), defaultUnset));
            case Term.BindMarker marker -> {
                variables.set(marker.index(), marker.name() != null ? marker.name() : "[json]", NativeType.TEXT);
                yield new Bound(row, marker.index(), defaultUnset);
            }
            default -> throw new SyntaxException("no viable alternative at input '" + TermText.of(json) + "': INSERT JSON takes a string or a bind marker");
        };
    }

    /** The value of each column, by its index in {@link JsonRow#columns()}. */
    private sealed interface Values permits Constant, Bound {
        BoundValue column(int index);
    }

    private record Constant(ByteBuffer[] decoded) implements Values {
        @Override
        public BoundValue column(int index) {
            ByteBuffer value = decoded[index];
            // UNSET is recognized by identity, which a constant's duplicate would lose
            return value == QueryOptions.UNSET ? context -> QueryOptions.UNSET : BoundValue.constant(value);
        }
    }

    /**
     * Decodes the bound JSON on first use in an execution; the other columns of the same execution reuse
     * it. The last decoding is published whole, so executions on other shards at worst decode again.
     */
    private static final class Bound implements Values {
        private final JsonRow row;
        private final int marker;
        private final boolean defaultUnset;
        private volatile Decoded last;

        private record Decoded(ExecutionContext context, ByteBuffer[] values) {}

        Bound(JsonRow row, int marker, boolean defaultUnset) {
            this.row = row;
            this.marker = marker;
            this.defaultUnset = defaultUnset;
        }

        @Override
        public BoundValue column(int index) {
            return context -> {
                ByteBuffer value = decoded(context)[index];
                return value == null || value == QueryOptions.UNSET ? value : value.duplicate();
            };
        }

        private ByteBuffer[] decoded(ExecutionContext context) {
            Decoded d = last;
            if (d != null && d.context() == context) return d.values();
            ByteBuffer bytes = context.value(marker);
            // an unset JSON value reads as empty text, as in Cassandra
            String text = bytes == null ? null
                    : bytes == QueryOptions.UNSET ? "" : StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
            ByteBuffer[] values = row.decode(text, defaultUnset);
            last = new Decoded(context, values);
            return values;
        }
    }
}
