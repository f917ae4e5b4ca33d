package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Request;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.storage.engine.ScrubMode;
import org.charybdis.storage.engine.ScrubResult;
import org.charybdis.storage.engine.ShardStorage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The nodetool-like storage operations of the admin API, under {@code /storage}: flush, compact,
 * drain, compactionstats, tablestats; flush, compact, drain and stopping compactions also under ScyllaDB's paths.
 * Each runs on every shard in the {@code maintenance} scheduling group and answers once all shards are done;
 * answers are put together off the shards.
 */
public final class StorageRoutes {
    private final Supplier<Schema> schema;
    private final NodeDrain drain;
    private final ShardOperations shards;

    /** @param answerOn where shard answers (and failures) are summed and rendered: the operator event loop */
    public StorageRoutes(Database database, Supplier<Schema> schema, NodeDrain drain, Executor answerOn) {
        this.schema = schema;
        this.drain = drain;
        this.shards = new ShardOperations(database, answerOn);
    }

    /** Adds the routes to the API. */
    public AdminApi registerOn(AdminApi api) {
        return api.post("/storage/flush", this::flush)
                .post("/storage_service/keyspace_flush/{keyspace}", this::flush)
                .post("/storage/compact", this::compact)
                .post("/storage_service/keyspace_compaction/{keyspace}", this::compact)
                .post("/compaction_manager/stop_compaction", this::stopCompaction)
                .post("/storage/scrub", this::scrub)
                .getAsync("/storage_service/keyspace_scrub/{keyspace}", this::scyllaScrub)
                .post("/storage/drain", this::drain)
                .post("/storage_service/drain", this::drain)
                .getAsync("/storage/compactionstats", this::compactionStats)
                .getAsync("/storage/tablestats", this::tableStats);
    }

    /** POST /storage/flush[?keyspace=ks[&table=t...]]: memtables written out; answers when on disk. */
    CompletionStage<Map<String, Object>> flush(Request request) {
        TableSelection which = TableSelection.of(request, schema.get());
        return onEveryShard(storage -> storage.flush(which))
                .thenApply(done -> Map.of("operation", "flush", "scope", which.description()));
    }

    /** POST /storage/compact[?keyspace=ks[&table=t...]]: major compaction of the selected tables. */
    CompletionStage<Map<String, Object>> compact(Request request) {
        TableSelection which = TableSelection.of(request, schema.get());
        return onEveryShard(storage -> storage.compact(which))
                .thenApply(done -> Map.of("operation", "compact", "scope", which.description()));
    }

    /**
     * POST /storage/scrub[?mode=skip|abort|validate][&keyspace=ks[&table=t...]]: reads every SSTable of the selected
     * tables, rewriting what can be read and quarantining what cannot (see {@link ScrubMode}); answers with the sums.
     */
    CompletionStage<Map<String, Object>> scrub(Request request) {
        TableSelection which = TableSelection.of(request, schema.get());
        ScrubMode mode = scrubMode(request);
        return scrubbed(which, mode).thenApply(total -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("operation", "scrub");
            answer.put("mode", mode.name().toLowerCase(Locale.ROOT));
            answer.put("scope", which.description());
            answer.put("sstables", total.sstables());
            answer.put("partitions_kept", total.partitionsKept());
            answer.put("partitions_corrupt", total.partitionsCorrupt());
            answer.put("quarantined", total.quarantined());
            return answer;
        });
    }

    /**
     * GET /storage_service/keyspace_scrub/{keyspace}[?cf=t1,t2][&scrub_mode=ABORT|SKIP|VALIDATE][&skip_corrupted=true]:
     * ScyllaDB's route to the same scrub, with its default mode (ABORT, or SKIP with skip_corrupted) and its answer: 0 done,
     * 1 aborted at corrupt data, 3 corrupt data found by VALIDATE. SEGREGATE is refused: our SSTables are never out of order.
     */
    CompletionStage<Long> scyllaScrub(Request request) {
        TableSelection which = TableSelection.of(request, schema.get());
        ScrubMode mode = scyllaScrubMode(request);
        return scrubbed(which, mode).handle((total, failure) -> {
            if (failure == null) return mode == ScrubMode.VALIDATE && total.partitionsCorrupt() + total.quarantined() > 0 ? 3L : 0L;
            if (org.charybdis.storage.engine.AsyncLoop.unwrap(failure) instanceof org.charybdis.storage.sstable.CorruptSSTableException) return 1L;
            throw new java.util.concurrent.CompletionException(failure);
        });
    }

    private CompletableFuture<ScrubResult> scrubbed(TableSelection which, ScrubMode mode) {
        return shards.onEveryShard(storage -> storage.scrub(which, mode)).thenApply(perShard -> {
            ScrubResult total = ScrubResult.NONE;
            for (ScrubResult shard : perShard) total = total.plus(shard);
            return total;
        });
    }

    private static ScrubMode scyllaScrubMode(Request request) {
        List<String> given = request.parameters().getOrDefault("scrub_mode", List.of());
        if (given.isEmpty()) {
            boolean skip = request.parameters().getOrDefault("skip_corrupted", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            return skip ? ScrubMode.SKIP : ScrubMode.ABORT;
        }
        String name = given.getFirst().strip();
        try {
            return ScrubMode.ofName(name);
        } catch (IllegalArgumentException e) {
            throw new BadAdminRequest("Invalid scrub_mode '" + name + "': use ABORT, SKIP or VALIDATE"
                    + (name.equalsIgnoreCase("SEGREGATE") ? " (SEGREGATE is not needed: SSTables written here are always in order)" : ""));
        }
    }

    private static ScrubMode scrubMode(Request request) {
        List<String> given = request.parameters().getOrDefault("mode", List.of());
        if (given.isEmpty()) return ScrubMode.SKIP;
        try {
            return ScrubMode.ofName(given.getFirst().strip());
        } catch (IllegalArgumentException e) {
            throw new BadAdminRequest("Invalid scrub mode '" + given.getFirst() + "': use skip, abort or validate");
        }
    }

    /**
     * POST /compaction_manager/stop_compaction?type=COMPACTION (nodetool stop): the running compactions end before their
     * next partition, their inputs kept. The other kinds ScyllaDB names run here only as part of a request that waits
     * for them (scrub, cleanup, ...) or not at all: nothing of theirs is stopped, and the answer says so.
     */
    CompletionStage<Map<String, Object>> stopCompaction(Request request) {
        List<String> given = request.parameters().getOrDefault("type", List.of());
        String type = given.isEmpty() ? "" : given.getFirst().strip().toUpperCase(Locale.ROOT);
        if (!STOPPABLE_TYPES.contains(type)) {
            throw new BadAdminRequest("Invalid compaction type '" + (given.isEmpty() ? "" : given.getFirst()) + "': use one of " + STOPPABLE_TYPES);
        }
        if (!type.equals("COMPACTION")) return CompletableFuture.completedFuture(Map.of("type", type, "stopped", 0));
        return shards.onEveryShard(storage -> {
            int stopped = 0;
            for (org.charybdis.storage.engine.TableEngine engine : storage.tables()) stopped += engine.stopCompactions();
            return CompletableFuture.completedFuture(stopped);
        }).thenApply(perShard -> Map.of("type", type, "stopped", perShard.stream().mapToInt(Integer::intValue).sum()));
    }

    /** The operation types of Cassandra's and ScyllaDB's {@code nodetool stop}. */
    private static final List<String> STOPPABLE_TYPES = List.of("COMPACTION", "VALIDATION", "CLEANUP", "SCRUB", "UPGRADE_SSTABLES",
            "INDEX_BUILD", "RESHAPE", "RESHARD", "VERIFY", "GARBAGE_COLLECT", "ANTICOMPACTION", "VIEW_BUILD");

    /** POST /storage/drain: see {@link NodeDrain}. */
    CompletionStage<Map<String, Object>> drain(Request request) {
        return shards.offShards(drain.start()).thenApply(done -> Map.of("mode", drain.mode().name()));
    }

    /** GET /storage/compactionstats. */
    CompletionStage<CompactionStatistics> compactionStats(Request request) {
        return shards.onEveryShard(storage -> CompletableFuture.completedFuture(CompactionStatistics.collect(storage.tables())))
                .thenApply(CompactionStatistics::sum);
    }

    /** GET /storage/tablestats[?keyspace=ks[&table=t...]]: {"tables": [...]} summed over shards. */
    CompletionStage<Map<String, List<TableStatistics>>> tableStats(Request request) {
        TableSelection which = TableSelection.of(request, schema.get());
        return shards.onEveryShard(storage -> CompletableFuture.completedFuture(TableStatistics.collect(storage.tables(), which)))
                .thenApply(perShard -> Map.of("tables", TableStatistics.sum(perShard)));
    }

    private CompletableFuture<List<Void>> onEveryShard(Function<ShardStorage, CompletableFuture<Void>> work) {
        return shards.onEveryShard(work);
    }
}
