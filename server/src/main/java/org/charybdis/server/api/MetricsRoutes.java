package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Request;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.CoordinatorLatencies;
import org.charybdis.storage.engine.EstimatedHistogram;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableHistograms;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The histograms behind {@code tablehistograms} and {@code proxyhistograms}, under ScyllaDB's paths:
 * {@code /column_family/metrics/<metric>/{name}} (name: {@code keyspace:table}) and
 * {@code /storage_proxy/metrics/<read|range|write>/histogram}. Each answers a {@link HistogramSummary} of every
 * shard's values together.
 */
public final class MetricsRoutes {
    private final Supplier<Schema> schema;
    private final CoordinatorLatencies coordinator;
    private final ShardOperations shards;

    /** @param answerOn where the shards' histograms are added up: the operator event loop */
    public MetricsRoutes(Database database, Supplier<Schema> schema, CoordinatorLatencies coordinator, Executor answerOn) {
        this.schema = schema;
        this.coordinator = coordinator;
        this.shards = new ShardOperations(database, answerOn);
    }

    public AdminApi registerOn(AdminApi api) {
        return api.getAsync("/column_family/metrics/read_latency/histogram/{name}", table(TableHistograms::readLatencyMicros))
                .getAsync("/column_family/metrics/write_latency/histogram/{name}", table(TableHistograms::writeLatencyMicros))
                .getAsync("/column_family/metrics/sstables_per_read_histogram/{name}", table(TableHistograms::sstablesPerRead))
                .getAsync("/column_family/metrics/estimated_row_size_histogram/{name}", table(TableHistograms::partitionSizeBytes))
                .getAsync("/column_family/metrics/estimated_column_count_histogram/{name}", table(TableHistograms::cellsPerPartition))
                .getAsync("/storage_proxy/metrics/read/histogram", coordinator(CoordinatorLatencies.Kind.READ))
                .getAsync("/storage_proxy/metrics/range/histogram", coordinator(CoordinatorLatencies.Kind.RANGE))
                .getAsync("/storage_proxy/metrics/write/histogram", coordinator(CoordinatorLatencies.Kind.WRITE));
    }

    private Function<Request, CompletionStage<HistogramSummary>> table(Function<TableHistograms, EstimatedHistogram> metric) {
        return request -> {
            TableMetadata table = TableSelection.qualifiedTable(request.parameters().getOrDefault("name", List.of("")).getFirst(), schema.get());
            return onEveryShard(storage -> {
                TableEngine engine = storage.table(table.id());
                return engine == null ? new EstimatedHistogram() : metric.apply(engine.histograms());
            });
        };
    }

    private Function<Request, CompletionStage<HistogramSummary>> coordinator(CoordinatorLatencies.Kind kind) {
        return request -> onEveryShard(storage -> coordinator.snapshot(storage.shardId())[kind.ordinal()]);
    }

    /** Each shard's histogram, taken on that shard, added up off the shards. */
    private CompletionStage<HistogramSummary> onEveryShard(Function<ShardStorage, EstimatedHistogram> onShard) {
        return shards.onEveryShard(storage -> CompletableFuture.completedFuture(onShard.apply(storage))).thenApply(perShard -> {
            EstimatedHistogram total = new EstimatedHistogram();
            for (EstimatedHistogram shard : perShard) total.merge(shard);
            return HistogramSummary.of(total);
        });
    }
}
