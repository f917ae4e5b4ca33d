package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.QueryProcessor;
import org.charybdis.server.schema.Schema;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A DESCRIBE answering schema elements, one row each: {@code keyspace_name, type, name} for the
 * listings (KEYSPACES, TABLES, ...), plus {@code create_statement} for the others. The elements are
 * looked up in the schema current when it runs, as Cassandra does, so a prepared DESCRIBE follows
 * schema changes; only the rows of the page asked for are formatted.
 */
final class DescribeElements implements CqlStatement {
    static final ResultMetadata LISTING = ResultMetadata.of(List.of(column("keyspace_name"), column("type"), column("name")));
    static final ResultMetadata ELEMENTS = ResultMetadata.of(List.of(column("keyspace_name"), column("type"), column("name"),
            column("create_statement")));

    /** Finds the elements to describe in a schema, for a client whose current keyspace is {@code currentKeyspace} (may be null). */
    @FunctionalInterface
    interface Lookup {
        List<? extends SchemaElement> find(Schema schema, String currentKeyspace);
    }

    private final Lookup lookup;
    private final boolean listing;
    private final boolean withInternals;

    DescribeElements(Lookup lookup, boolean listing, boolean withInternals) {
        this.lookup = lookup;
        this.listing = listing;
        this.withInternals = withInternals;
    }

    @Override
    public List<ColumnSpec> bindVariables() {
        return List.of();
    }

    @Override
    public ResultMetadata resultMetadata() {
        return listing ? LISTING : ELEMENTS;
    }

    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        Schema schema = context.server().schema().current();
        List<? extends SchemaElement> elements = lookup.find(schema, context.client().keyspace());
        return QueryProcessor.done(DescribePaging.page(elements.size(), i -> row(elements.get(i)), resultMetadata(),
                schema.versionId(), context));
    }

    private ByteBuffer[] row(SchemaElement element) {
        ByteBuffer keyspace = text(CqlText.name(element.keyspace()));
        ByteBuffer kind = text(element.kind());
        ByteBuffer name = text(element.displayedName());
        if (listing) return new ByteBuffer[] {keyspace, kind, name};
        return new ByteBuffer[] {keyspace, kind, name, text(element.createStatement(withInternals))};
    }

    static ColumnSpec column(String name) {
        return new ColumnSpec("system", "describe", name, NativeType.TEXT);
    }

    static ByteBuffer text(String value) {
        return NativeType.TEXT.serialize(value);
    }
}
