package org.charybdis.server.cql.statements.servicelevel;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.qos.ServiceLevelController;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * LIST ATTACHED SERVICE LEVEL OF role and LIST ALL ATTACHED SERVICE LEVELS: (role, service_level) for levels
 * attached directly, not those a role inherits. A role with none (or no such role) lists nothing, as in ScyllaDB.
 */
final class ListAttachedServiceLevels extends ServiceLevelStatementBase {
    private static final ResultMetadata METADATA = ResultMetadata.of(List.of(
            new ColumnSpec("QOS", "service_levels_attachments", "role", NativeType.TEXT),
            new ColumnSpec("QOS", "service_levels_attachments", "service_level", NativeType.TEXT)));

    /** The role to list, or null for all. */
    private final String role;

    ListAttachedServiceLevels(String role) {
        super(Permission.DESCRIBE);
        this.role = role;
    }

    @Override
    public ResultMetadata resultMetadata() {
        return METADATA;
    }

    @Override
    CompletionStage<? extends Result> run(ExecutionContext context, ServiceLevelController serviceLevels) {
        List<ByteBuffer[]> rows = new ArrayList<>();
        for (Map.Entry<String, String> attached : serviceLevels.state().attachments().entrySet()) {
            if (role != null && !role.equals(attached.getKey())) continue;
            rows.add(new ByteBuffer[] {NativeType.TEXT.serialize(attached.getKey()), NativeType.TEXT.serialize(attached.getValue())});
        }
        return CompletableFuture.completedFuture(new RowsResult(METADATA, rows));
    }
}
