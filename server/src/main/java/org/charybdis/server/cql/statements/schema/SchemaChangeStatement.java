package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.messages.SchemaChangeResult;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A DDL statement: computes the next schema from the current one on the schema owner (so checks see
 * the latest schema, not the one the statement was compiled against) and answers with the change, or
 * VOID when IF [NOT] EXISTS made it a no-op.
 */
abstract class SchemaChangeStatement implements CqlStatement {

    /** The next schema and its event; {@link SchemaUpdate#unchanged} for a no-op. Throws the statement's errors. */
    abstract SchemaUpdate apply(Schema current, long nowMicros);

    /**
     * What the client is warned of once the statement applied to {@code before}: {@code change} is null when it changed
     * nothing (IF [NOT] EXISTS). None by default.
     */
    List<String> warnings(Schema before, SchemaChange change) {
        return List.of();
    }

    @Override
    public List<ColumnSpec> bindVariables() {
        return List.of();
    }

    /** Answers once the authorizer has granted the creator its rights or revoked what was granted on a dropped resource. */
    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        long now = context.timestampMicros();
        AtomicReference<Schema> before = new AtomicReference<>();
        return context.server().schema().apply(current -> {
            before.set(current);
            return apply(current, now);
        }).thenCompose(change -> {
            warnings(before.get(), change).forEach(context.warnings()::add);
            if (change == null) return CompletableFuture.completedFuture(VoidResult.INSTANCE);
            return context.server().authorizer().schemaChanged(change, context.client().user(), now)
                    .thenApply(ignored -> new SchemaChangeResult(change));
        });
    }
}
