package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Request;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.engine.PartitionSampler;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TopKeys;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /storage_service/toppartitions/?table_filters=ks:t[,ks:t2]&keyspace_filters=ks&duration=ms&list_size=n&capacity=c},
 * as ScyllaDB's: samples the partitions the tables' reads and writes touch for {@code duration} milliseconds, then
 * answers the most frequent ones ({@code {"read": [{"partition", "count", "error"}...], "read_cardinality": n,
 * "write": [...], "write_cardinality": n}}). Only the engines of the named tables sample, and only meanwhile;
 * one sampling runs at a time.
 */
public final class TopPartitionsRoute {
    private static final long MAX_DURATION_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private final Supplier<Schema> schema;
    private final ShardOperations shards;
    private final Executor answerOn;
    private final AtomicBoolean sampling = new AtomicBoolean();

    /** One sampled partition of a table, its key rendered as CQL values (a composite key's parts joined by ':'). */
    public record Partition(String partition, long count, long error) {}

    /** @param answerOn where the samplers are stopped from and the answer rendered: the operator event loop */
    public TopPartitionsRoute(Database database, Supplier<Schema> schema, Executor answerOn) {
        this.schema = schema;
        this.shards = new ShardOperations(database, answerOn);
        this.answerOn = answerOn;
    }

    public AdminApi registerOn(AdminApi api) {
        return api.getAsync("/storage_service/toppartitions/", this::sample)
                .getAsync("/storage_service/toppartitions", this::sample);
    }

    CompletionStage<Map<String, Object>> sample(Request request) {
        Schema current = schema.get();
        Map<java.util.UUID, TableMetadata> tables = new LinkedHashMap<>();
        for (String name : list(request, "table_filters")) {
            TableMetadata table = TableSelection.qualifiedTable(name, current);
            tables.put(table.id(), table);
        }
        for (String name : list(request, "keyspace_filters")) {
            var keyspace = current.keyspace(name);
            if (keyspace == null) throw new BadAdminRequest("Keyspace '" + name + "' does not exist");
            for (TableMetadata table : keyspace.tables().values()) tables.put(table.id(), table);
        }
        if (tables.isEmpty()) throw new BadAdminRequest("Name the tables to sample: table_filters=keyspace:table or keyspace_filters=keyspace");
        long duration = AdminParameters.number(request, "duration", 5000, 1, MAX_DURATION_MILLIS);
        int capacity = (int) AdminParameters.number(request, "capacity", 256, 1, 100_000);
        int listSize = (int) AdminParameters.number(request, "list_size", 10, 1, capacity);
        if (!sampling.compareAndSet(false, true)) throw new BadAdminRequest("A toppartitions sampling is already running; try again when it ends");
        CompletableFuture<List<List<Sampled>>> done = shards.<Void>onEveryShard(storage -> {
                    for (java.util.UUID id : tables.keySet()) {
                        TableEngine engine = storage.table(id);
                        if (engine != null) engine.sample(new PartitionSampler(capacity));
                    }
                    return CompletableFuture.completedFuture(null);
                })
                .thenComposeAsync(started -> shards.onEveryShard(storage -> {
                    List<Sampled> sampled = new ArrayList<>();
                    for (TableMetadata table : tables.values()) {
                        TableEngine engine = storage.table(table.id());
                        if (engine == null) continue;
                        PartitionSampler sampler = engine.sampler();
                        engine.sample(null);
                        if (sampler != null) sampled.add(new Sampled(table, sampler.reads(), sampler.writes()));
                    }
                    return CompletableFuture.completedFuture(sampled);
                }), CompletableFuture.delayedExecutor(duration, TimeUnit.MILLISECONDS, answerOn));
        return done.whenComplete((answer, failure) -> sampling.set(false))
                .thenApply(perShard -> answer(perShard, tables.size() > 1, listSize, capacity));
    }

    /** One table's samplers of one shard. */
    private record Sampled(TableMetadata table, TopKeys reads, TopKeys writes) {}

    private static Map<String, Object> answer(List<List<Sampled>> perShard, boolean nameTables, int listSize, int capacity) {
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Sampled> all = perShard.stream().flatMap(List::stream).toList();
        answer.put("read_cardinality", all.stream().mapToLong(s -> s.reads().distinct()).sum());
        answer.put("read", top(all, Sampled::reads, nameTables, listSize));
        answer.put("write_cardinality", all.stream().mapToLong(s -> s.writes().distinct()).sum());
        answer.put("write", top(all, Sampled::writes, nameTables, listSize));
        answer.put("capacity", capacity);
        return answer;
    }

    /** The most frequent partitions over every shard (a partition lives on one shard, so none is counted twice). */
    private static List<Partition> top(List<Sampled> all, Function<Sampled, TopKeys> which, boolean nameTables, int listSize) {
        List<Partition> partitions = new ArrayList<>();
        for (Sampled s : all) {
            for (TopKeys.Entry e : which.apply(s).top()) {
                String key = render(s.table(), e.key());
                partitions.add(new Partition(nameTables ? s.table().keyspace() + "." + s.table().name() + ":" + key : key, e.count(), e.error()));
            }
        }
        partitions.sort(Comparator.comparingLong(Partition::count).reversed().thenComparing(Partition::partition));
        return partitions.subList(0, Math.min(listSize, partitions.size()));
    }

    private static String render(TableMetadata table, ByteBuffer key) {
        List<ColumnMetadata> columns = table.partitionKey();
        ByteBuffer[] parts = columns.size() == 1 ? new ByteBuffer[] {key.duplicate()} : PartitionKeys.split(key.duplicate(), columns.size());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) text.append(':');
            text.append(columns.get(i).type().toCqlLiteral(parts[i]));
        }
        return text.toString();
    }

    /** A parameter's comma-separated values, repeated parameters included. */
    private static List<String> list(Request request, String name) {
        return request.parameters().getOrDefault(name, List.of()).stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
