package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.service.PartitionWrites;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.BatchType;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.syntax.BatchStatement;
import org.charybdis.cql.syntax.DeleteStatement;
import org.charybdis.cql.syntax.InsertStatement;
import org.charybdis.cql.syntax.ModificationStatement;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.syntax.UpdateStatement;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Compiles INSERT, UPDATE, DELETE and BATCH against a schema snapshot, and runs protocol BATCH messages. */
public final class ModificationStatements {
    private ModificationStatements() {}

    public static CqlStatement compile(ModificationStatement statement, ClientState client, Schema schema) {
        TableMetadata table = table(statement.table(), client, schema);
        BindVariables variables = new BindVariables(statement.bindMarkerCount(), table.keyspace(), table.name(), schema);
        return compile(statement, table, variables);
    }

    public static CqlStatement compileBatch(BatchStatement statement, ClientState client, Schema schema) {
        return CompiledBatch.compile(statement, client, schema);
    }

    /**
     * Runs the statements of a protocol BATCH message, each with its own values, as one batch: writes to
     * the same partition are merged and applied together on the owning shard. The message's default timestamp
     * is not a batch {@code USING TIMESTAMP}: counter batches accept it, as Cassandra does, and ignore it.
     */
    public static CompletionStage<Result> executeBatch(BatchType type, List<CqlStatement> statements, List<List<ByteBuffer>> values,
                                                       ExecutionContext context) {
        List<WriteStatement> writes = new ArrayList<>(statements.size());
        List<ExecutionContext> contexts = new ArrayList<>(statements.size());
        boolean conditional = false;
        for (int i = 0; i < statements.size(); i++) {
            if (!(statements.get(i) instanceof WriteStatement write)) {
                throw new InvalidRequestException("Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.");
            }
            writes.add(write);
            contexts.add(context.withValues(values.get(i)));
            conditional |= write.isConditional();
        }
        BatchRules.Kind kind = kind(type);
        BatchRules.check(kind, writes, false);
        if (conditional) return CasExecution.execute(writes, contexts, true, null, context);
        PartitionWrites partitions = new PartitionWrites();
        for (int i = 0; i < writes.size(); i++) writes.get(i).collect(contexts.get(i), partitions);
        BatchSizeWarning.check(partitions, context);
        boolean counter = !writes.isEmpty() && writes.getFirst().isCounter();
        return WriteExecution.apply(partitions, counter, kind.writeType(), null, context);
    }

    private static BatchRules.Kind kind(BatchType type) {
        return switch (type) {
            case LOGGED -> BatchRules.Kind.LOGGED;
            case UNLOGGED -> BatchRules.Kind.UNLOGGED;
            case COUNTER -> BatchRules.Kind.COUNTER;
        };
    }

    static WriteStatement compile(ModificationStatement statement, TableMetadata table, BindVariables variables) {
        return switch (statement) {
            case InsertStatement insert -> CompiledInsert.compile(insert, table, variables);
            case UpdateStatement update -> CompiledUpdate.compile(update, table, variables);
            case DeleteStatement delete -> CompiledDelete.compile(delete, table, variables);
        };
    }

    static TableMetadata table(QualifiedName name, ClientState client, Schema schema) {
        String keyspace = client.keyspaceOr(name.keyspace());
        KeyspaceMetadata ks = schema.keyspace(keyspace);
        if (ks == null) throw new InvalidRequestException("keyspace " + keyspace + " does not exist");
        TableMetadata table = ks.table(name.name());
        if (table == null) throw new InvalidRequestException("table " + name.name() + " does not exist");
        if (table.isView()) throw new InvalidRequestException("Cannot directly modify a materialized view");
        return table;
    }
}
