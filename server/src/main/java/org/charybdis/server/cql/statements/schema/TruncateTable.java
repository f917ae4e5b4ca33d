package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.QueryProcessor;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.system.VirtualTables;
import org.charybdis.server.service.Deadline;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** TRUNCATE [TABLE] t: empties the table on every shard. Virtual tables have nothing to clear. */
final class TruncateTable implements CqlStatement {
    private final String keyspace;
    private final String table;

    TruncateTable(String keyspace, String table, Schema schema) {
        this.keyspace = keyspace;
        this.table = table;
        lookup(schema);
    }

    private TableMetadata lookup(Schema schema) {
        if (schema.keyspace(keyspace) == null) throw new InvalidRequestException("keyspace " + keyspace + " does not exist");
        TableMetadata metadata = schema.table(keyspace, table);
        if (metadata == null) throw new InvalidRequestException("table " + table + " does not exist");
        if (metadata.isView()) throw new InvalidRequestException("Cannot TRUNCATE materialized view directly; must truncate base table instead");
        return metadata;
    }

    @Override
    public List<ColumnSpec> bindVariables() {
        return List.of();
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureTable(Permission.MODIFY, keyspace, table);
    }

    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        TableMetadata metadata = lookup(context.server().schema().current());
        if (VirtualTables.isVirtual(metadata)) return QueryProcessor.done(VoidResult.INSTANCE);
        Deadline deadline = context.deadline(Deadline.Kind.TRUNCATE, null, WriteType.SIMPLE);
        // the views are emptied with their base, as Cassandra does
        CompletionStage<Void> truncated = context.server().proxy().truncate(metadata, deadline);
        for (TableMetadata view : context.server().schema().current().keyspace(keyspace).viewsOf(metadata.id())) {
            truncated = truncated.thenCompose(ignored -> context.server().proxy().truncate(view, deadline));
        }
        return truncated.thenApply(ignored -> VoidResult.INSTANCE);
    }
}
