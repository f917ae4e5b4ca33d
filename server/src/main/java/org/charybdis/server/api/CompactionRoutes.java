package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Request;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.system.CompactionHistory;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.VerifyResult;
import org.charybdis.storage.lsm.LsmEngineFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The compaction and SSTable operations of the admin API: compaction throughput, automatic compaction on and off,
 * compaction history, verify, upgradesstables, garbagecollect, cleanup. Where ScyllaDB's REST API has the operation,
 * its path answers with ScyllaDB's shape so its tools can call it; the {@code /storage/...} paths answer what
 * {@code charybdis admin} reports, and both run the same handler. ScyllaDB has no verify nor garbagecollect: theirs are
 * {@code /storage_service/keyspace_verify/{keyspace}} and {@code /storage_service/keyspace_garbage_collect/{keyspace}}
 * here, named after ScyllaDB's {@code keyspace_scrub}.
 */
public final class CompactionRoutes {
    private static final long MIB = 1L << 20;

    private final Supplier<Schema> schema;
    private final ShardOperations shards;
    private final LsmEngineFactory engines;
    private final CompactionHistory history;

    /** @param answerOn where shard answers are summed and rendered: the operator event loop */
    public CompactionRoutes(Database database, Supplier<Schema> schema, LsmEngineFactory engines, CompactionHistory history, Executor answerOn) {
        this.schema = schema;
        this.shards = new ShardOperations(database, answerOn);
        this.engines = engines;
        this.history = history;
    }

    /** Adds the routes to the API. */
    public AdminApi registerOn(AdminApi api) {
        return api.getAsync("/storage_service/compaction_throughput", request -> CompletableFuture.completedFuture(engines.compactionThroughput() / MIB))
                .post("/storage_service/compaction_throughput", this::setThroughput)
                .getAsync("/storage/autocompaction", request -> autoCompactionStates(TableSelection.of(request, schema.get())))
                .post("/storage/autocompaction", request -> autoCompaction(TableSelection.of(request, schema.get()), true))
                .delete("/storage/autocompaction", request -> autoCompaction(TableSelection.of(request, schema.get()), false))
                .post("/storage_service/auto_compaction/{keyspace}", request -> autoCompaction(TableSelection.of(request, schema.get()), true))
                .delete("/storage_service/auto_compaction/{keyspace}", request -> autoCompaction(TableSelection.of(request, schema.get()), false))
                .getAsync("/column_family/autocompaction/{name}", request -> autoCompactionStates(namedTable(request))
                        .thenApply(states -> states.get("tables").stream().allMatch(TableAutoCompaction::enabled)))
                .post("/column_family/autocompaction/{name}", request -> autoCompaction(namedTable(request), true))
                .delete("/column_family/autocompaction/{name}", request -> autoCompaction(namedTable(request), false))
                .getAsync("/compaction_manager/compaction_history", this::compactionHistory)
                .post("/storage/verify", this::verify)
                .post("/storage_service/keyspace_verify/{keyspace}", this::verify)
                .post("/storage/upgradesstables", this::upgradeSSTables)
                .getAsync("/storage_service/keyspace_upgrade_sstables/{keyspace}", request -> upgradeSSTables(request).thenApply(done -> 0L))
                .post("/storage/garbagecollect", this::garbageCollect)
                .post("/storage_service/keyspace_garbage_collect/{keyspace}", this::garbageCollect)
                .post("/storage/cleanup", this::cleanup)
                .post("/storage_service/keyspace_cleanup/{keyspace}", request -> cleanup(request).thenApply(done -> 0L));
    }

    /** POST /storage_service/compaction_throughput?value=N: N MiB/s for the whole node, 0 for unthrottled. */
    CompletionStage<Map<String, Object>> setThroughput(Request request) {
        List<String> given = request.parameters().getOrDefault("value", List.of());
        long mib;
        try {
            mib = given.isEmpty() ? -1 : Long.parseLong(given.getFirst().strip());
        } catch (NumberFormatException e) {
            mib = -1;
        }
        if (mib < 0 || mib > Long.MAX_VALUE / MIB) {
            throw new BadAdminRequest("Invalid compaction throughput " + (given.isEmpty() ? "(none given)" : "'" + given.getFirst() + "'")
                    + ": give value=N, a whole number of MiB/s (0: unthrottled)");
        }
        engines.compactionThroughput(mib * MIB);
        return CompletableFuture.completedFuture(Map.of("compaction_throughput_mib_per_second", mib));
    }

    /** A table's automatic compaction: on unless turned off (on every shard). */
    public record TableAutoCompaction(String keyspace, String table, boolean enabled) {}

    private CompletionStage<Map<String, Object>> autoCompaction(TableSelection which, boolean enabled) {
        return shards.onEveryShard(storage -> {
            storage.autoCompaction(which, enabled);
            return CompletableFuture.completedFuture(null);
        }).thenApply(done -> Map.of("scope", which.description(), "auto_compaction", enabled));
    }

    /** {"tables": [{keyspace, table, enabled}]}, by keyspace then table. */
    private CompletableFuture<Map<String, List<TableAutoCompaction>>> autoCompactionStates(TableSelection which) {
        return shards.onEveryShard(storage -> {
            List<TableAutoCompaction> states = new ArrayList<>();
            for (TableEngine engine : storage.tables()) {
                if (which.test(engine.layout())) {
                    states.add(new TableAutoCompaction(engine.layout().keyspace(), engine.layout().table(), engine.autoCompaction()));
                }
            }
            return CompletableFuture.completedFuture(states);
        }).thenApply(perShard -> {
            Map<String, TableAutoCompaction> byTable = new TreeMap<>();
            for (List<TableAutoCompaction> shard : perShard) {
                for (TableAutoCompaction t : shard) {
                    byTable.merge(t.keyspace() + "." + t.table(), t,
                            (a, b) -> new TableAutoCompaction(a.keyspace(), a.table(), a.enabled() && b.enabled()));
                }
            }
            return Map.of("tables", List.copyOf(byTable.values()));
        });
    }

    private TableSelection namedTable(Request request) {
        return TableSelection.ofQualifiedName(request.parameters().getOrDefault("name", List.of("")).getFirst(), schema.get());
    }

    /** GET /compaction_manager/compaction_history: ScyllaDB's shape, the newest first. */
    CompletionStage<List<Map<String, Object>>> compactionHistory(Request request) {
        return shards.offShards(history.read()).thenApply(entries -> {
            List<Map<String, Object>> answer = new ArrayList<>(entries.size());
            for (CompactionHistory.Entry e : entries) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", e.id().toString());
                row.put("ks", e.keyspace());
                row.put("cf", e.table());
                row.put("compacted_at", e.compactedAt().toEpochMilli());
                row.put("bytes_in", e.bytesIn());
                row.put("bytes_out", e.bytesOut());
                List<Map<String, Object>> merged = new ArrayList<>();
                e.rowsMerged().forEach((inputs, partitions) -> merged.add(Map.of("key", inputs, "value", partitions)));
                row.put("rows_merged", merged);
                answer.add(row);
            }
            return answer;
        });
    }

    /**
     * POST /storage/verify[?keyspace=ks[&table=t...]] (and /storage_service/keyspace_verify/{keyspace}?cf=...): every
     * checksum of every selected SSTable; corrupt ones are quarantined and listed.
     */
    CompletionStage<Map<String, Object>> verify(Request request) {
        TableSelection which = TableSelection.of(request, schema.get());
        return shards.onEveryShard(storage -> storage.verify(which)).thenApply(perShard -> {
            VerifyResult total = VerifyResult.NONE;
            for (VerifyResult shard : perShard) total = total.plus(shard);
            Map<String, Object> answer = answer("verify", which);
            answer.put("sstables", total.sstables());
            answer.put("corrupt", total.corrupt());
            return answer;
        });
    }

    /**
     * POST /storage/upgradesstables[?all=true][&keyspace=ks[&table=t...]]: rewrites the SSTables in an older format
     * version (all of them with all=true, as upgradesstables -a); ScyllaDB's GET route answers 0.
     */
    CompletableFuture<Map<String, Object>> upgradeSSTables(Request request) {
        TableSelection which = TableSelection.of(request, schema.get());
        boolean all = flag(request, "all") || request.parameters().getOrDefault("exclude_current_version", List.of()).contains("false");
        return rewritten(which, all).thenApply(count -> {
            Map<String, Object> answer = answer("upgradesstables", which);
            answer.put("all", all);
            answer.put("rewritten", count);
            return answer;
        });
    }

    /**
     * POST /storage/garbagecollect[?keyspace=ks[&table=t...]]: every SSTable compacted alone, dropping deleted data and
     * the tombstones gc_grace_seconds lets go, where nothing outside the SSTable may still need them.
     */
    CompletionStage<Map<String, Object>> garbageCollect(Request request) {
        TableSelection which = TableSelection.of(request, schema.get());
        return rewritten(which, true).thenApply(count -> {
            Map<String, Object> answer = answer("garbagecollect", which);
            answer.put("rewritten", count);
            return answer;
        });
    }

    private CompletableFuture<Integer> rewritten(TableSelection which, boolean all) {
        return shards.onEveryShard(storage -> storage.rewriteSSTables(which, all))
                .thenApply(perShard -> perShard.stream().mapToInt(Integer::intValue).sum());
    }

    /** POST /storage/cleanup: this node owns every token, so no SSTable holds data another node owns: nothing to do. */
    CompletableFuture<Map<String, Object>> cleanup(Request request) {
        Map<String, Object> answer = answer("cleanup", TableSelection.of(request, schema.get()));
        answer.put("rewritten", 0);
        answer.put("reason", "this node owns every token, so its SSTables hold no data of other nodes");
        return CompletableFuture.completedFuture(answer);
    }

    private static Map<String, Object> answer(String operation, TableSelection which) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("operation", operation);
        answer.put("scope", which.description());
        return answer;
    }

    private static boolean flag(Request request, String name) {
        return request.parameters().getOrDefault(name, List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("true"));
    }
}
