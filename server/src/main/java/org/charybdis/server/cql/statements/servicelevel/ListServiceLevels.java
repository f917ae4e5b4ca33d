package org.charybdis.server.cql.statements.servicelevel;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.types.CqlDuration;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.qos.ServiceLevel;
import org.charybdis.server.qos.ServiceLevelController;
import org.charybdis.server.qos.ServiceLevelOptions;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * LIST SERVICE LEVEL name and LIST ALL SERVICE LEVELS, with ScyllaDB's columns: service_level, timeout,
 * workload_type, shares, and for ALL the {@code percentage of all service level shares} each level has among the
 * listed ones. The built-in {@code default} level is not listed (ScyllaDB lists only levels users created); an
 * unknown name lists nothing.
 */
final class ListServiceLevels extends ServiceLevelStatementBase {
    private static final List<ColumnSpec> COLUMNS = List.of(
            column("service_level", NativeType.TEXT),
            column("timeout", NativeType.DURATION),
            column("workload_type", NativeType.TEXT),
            column("shares", NativeType.INT));
    private static final ResultMetadata ONE = ResultMetadata.of(COLUMNS);
    private static final ResultMetadata ALL = ResultMetadata.of(withPercentage());

    /** The level to list, or null for all. */
    private final String name;

    ListServiceLevels(String name) {
        super(Permission.DESCRIBE);
        this.name = name;
    }

    @Override
    public ResultMetadata resultMetadata() {
        return name == null ? ALL : ONE;
    }

    @Override
    CompletionStage<? extends Result> run(ExecutionContext context, ServiceLevelController serviceLevels) {
        var levels = serviceLevels.state().levels();
        Collection<ServiceLevel> listed = name == null ? levels.values()
                : levels.containsKey(name) ? List.of(levels.get(name)) : List.of();
        long totalShares = 0;
        for (ServiceLevel level : listed) totalShares += level.options().shares();
        List<ByteBuffer[]> rows = new ArrayList<>(listed.size());
        for (ServiceLevel level : listed) rows.add(row(level, name == null ? totalShares : 0));
        return CompletableFuture.completedFuture(new RowsResult(resultMetadata(), rows));
    }

    /** @param totalShares the shares of every listed level, or 0 when no percentage column is shown */
    private static ByteBuffer[] row(ServiceLevel level, long totalShares) {
        ServiceLevelOptions options = level.options();
        ByteBuffer timeout = options.timeout() == null ? null
                : NativeType.DURATION.serialize(new CqlDuration(0, 0, options.timeout().toNanos()));
        String workload = options.workloadType().stored();
        ByteBuffer[] row = new ByteBuffer[totalShares == 0 ? 4 : 5];
        row[0] = NativeType.TEXT.serialize(level.name());
        row[1] = timeout;
        row[2] = workload == null ? null : NativeType.TEXT.serialize(workload);
        row[3] = NativeType.INT.serialize(options.shares());
        if (totalShares != 0) {
            row[4] = NativeType.TEXT.serialize(String.format(Locale.ROOT, "%.2f%%", 100.0f * options.shares() / totalShares));
        }
        return row;
    }

    private static List<ColumnSpec> withPercentage() {
        List<ColumnSpec> columns = new ArrayList<>(COLUMNS);
        columns.add(column("percentage of all service level shares", NativeType.TEXT));
        return columns;
    }

    private static ColumnSpec column(String name, NativeType type) {
        return new ColumnSpec("QOS", "service_levels", name, type);
    }
}
