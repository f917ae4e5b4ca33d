package org.charybdis.server.cql.statements.servicelevel;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.types.CqlDuration;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.qos.EffectiveOptions;
import org.charybdis.server.qos.EffectiveOptions.Sourced;
import org.charybdis.server.qos.ServiceLevelController;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * LIST EFFECTIVE SERVICE LEVEL OF role: each option of the role's effective level (workload_type, timeout,
 * shares), the level it comes from and its value as text, as ScyllaDB shows them.
 */
final class ListEffectiveServiceLevel extends ServiceLevelStatementBase {
    private static final ResultMetadata METADATA = ResultMetadata.of(List.of(
            column("service_level_option"), column("effective_service_level"), column("value")));

    private final String role;

    ListEffectiveServiceLevel(String role) {
        super(Permission.DESCRIBE);
        this.role = role;
    }

    @Override
    public ResultMetadata resultMetadata() {
        return METADATA;
    }

    @Override
    CompletionStage<? extends Result> run(ExecutionContext context, ServiceLevelController serviceLevels) {
        return serviceLevels.roleExists(role).thenApply(exists -> {
            if (!exists) throw new InvalidRequestException("Role " + role + " doesn't exist.");
            EffectiveOptions options = serviceLevels.state().effectiveOptions(role);
            if (options == null) throw new InvalidRequestException("Role " + role + " doesn't have assigned any service level");
            Sourced<java.time.Duration> timeout = options.timeout();
            String timeoutText = timeout.value() == null ? null : new CqlDuration(0, 0, timeout.value().toNanos()).toString();
            return new RowsResult(METADATA, List.of(
                    row("workload_type", options.workloadType().serviceLevel(), options.workloadType().value().label()),
                    row("timeout", timeout.serviceLevel(), timeoutText),
                    row("shares", options.shares().serviceLevel(), Integer.toString(options.shares().value()))));
        });
    }

    private static ByteBuffer[] row(String option, String level, String value) {
        return new ByteBuffer[] {NativeType.TEXT.serialize(option), NativeType.TEXT.serialize(level),
                value == null ? null : NativeType.TEXT.serialize(value)};
    }

    private static ColumnSpec column(String name) {
        return new ColumnSpec("QOS", "effective_service_level", name, NativeType.TEXT);
    }
}
