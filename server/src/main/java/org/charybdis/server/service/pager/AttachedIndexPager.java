package org.charybdis.server.service.pager;

import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.server.index.IndexedColumn;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableLayouts;
import org.charybdis.server.service.Deadline;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.RequestTrace;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.sai.PrimaryKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Pages through the rows storage-attached indexes find: every shard asks its base table for the rows (of static and
 * partition key columns: the partitions) holding a term of each indexed relation (memtables and SSTables' SAI.db
 * together), keeps the rows every relation found (intersection), skips those outside the token range or before the
 * paging state, then reads and re-checks only those rows (or partitions). The cost of a query follows its matches, not the table. Shards are merged by token.
 */
public final class AttachedIndexPager implements Pager {
    private final Database database;
    private final TableMetadata table;
    private final List<AttachedQuery> predicates;
    private final ShardReader reader;
    private final TokenRange range;
    private final int perPartitionLimit;
    private final ConsistencyLevel consistency;
    private final Deadline deadline;
    private final ClusteringComparator clusterings;
    /** The predicates on row-level indexes; the others' hits are partitions. */
    private final Set<UUID> rowLevel = new HashSet<>();

    public AttachedIndexPager(Database database, TableMetadata table, List<AttachedQuery> predicates, ShardReader reader, TokenRange range,
                              int perPartitionLimit, ConsistencyLevel consistency, Deadline deadline) {
        this.database = database;
        this.table = table;
        this.predicates = predicates;
        this.reader = reader;
        this.range = range;
        this.perPartitionLimit = perPartitionLimit;
        this.consistency = consistency;
        this.deadline = deadline;
        this.clusterings = TableLayouts.clusteringComparator(table);
        for (AttachedQuery predicate : predicates) {
            if (!IndexedColumn.isPartitionLevel(table.column(predicate.index().column()))) rowLevel.add(predicate.index().id());
        }
    }

    @Override
    public CompletableFuture<PageBuilder.Page> fetch(PagingState state, PageSize size, int remainingLimit) {
        return IndexPager.fetchFromShards(database, range, perPartitionLimit, size, remainingLimit, storage -> scanShard(storage, state, size),
                state);
    }

    private CompletableFuture<ShardReader.ScanResult> scanShard(ShardStorage storage, PagingState state, PageSize budget) {
        deadline.check();
        for (AttachedQuery predicate : predicates) IndexPager.available(database, storage, table, predicate.index(), consistency);
        TableEngine base = storage.table(table.id());
        RequestTrace trace = reader.trace();
        List<List<PrimaryKey>> found = new ArrayList<>(predicates.size());
        DecoratedKey from = state == null ? null : DecoratedKey.of(state.partitionKey());
        CompletableFuture<Void> searched = CompletableFuture.completedFuture(null);
        for (AttachedQuery predicate : predicates) {
            searched = searched.thenCompose(ignored -> {
                if (trace.enabled()) trace.event("Querying storage-attached index " + predicate.index().name());
                return base.searchAttachedIndex(predicate.index().id(), predicate.terms(), from, trace);
            }).thenAccept(found::add);
        }
        return searched.thenCompose(ignored -> {
            List<PrimaryKey> hits = afterPagingState(intersection(found), state);
            IndexHitReader rows = new IndexHitReader(reader, base, rowLevel.isEmpty(), hits.iterator(), state, budget, perPartitionLimit, deadline);
            return AsyncLoop.until(rows::next).thenApply(done -> {
                if (trace.enabled()) {
                    trace.event("Storage-attached indexes: " + hits.size() + " candidate rows, " + rows.hitsRead + " read, " + rows.rows
                            + " matching rows in " + rows.chunks.size() + " partitions");
                }
                return new ShardReader.ScanResult(rows.chunks, rows.complete);
            });
        });
    }

    /**
     * The rows every relation found, in table order: those of the row-level indexes (regular and clustering columns)
     * inside the partitions of the partition-level ones (static and partition key columns); or, without a row-level
     * index, the partitions every partition-level one found.
     */
    private List<PrimaryKey> intersection(List<List<PrimaryKey>> found) {
        List<List<PrimaryKey>> rows = new ArrayList<>();
        List<List<PrimaryKey>> partitions = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) (rowLevel.contains(predicates.get(i).index().id()) ? rows : partitions).add(found.get(i));
        if (rows.isEmpty()) return sameLevelIntersection(partitions);
        List<PrimaryKey> kept = sameLevelIntersection(rows);
        for (List<PrimaryKey> hits : partitions) {
            Set<DecoratedKey> keys = new HashSet<>();
            for (PrimaryKey hit : hits) keys.add(hit.partition());
            kept.removeIf(hit -> !keys.contains(hit.partition()));
        }
        return kept;
    }

    /** The hits found by every list, in the order of the smallest (all are in table order). */
    private static List<PrimaryKey> sameLevelIntersection(List<List<PrimaryKey>> found) {
        List<PrimaryKey> smallest = found.getFirst();
        for (List<PrimaryKey> hits : found) if (hits.size() < smallest.size()) smallest = hits;
        List<Set<PrimaryKey>> others = new ArrayList<>();
        for (List<PrimaryKey> hits : found) if (hits != smallest) others.add(new HashSet<>(hits));
        List<PrimaryKey> kept = new ArrayList<>(smallest.size());
        for (PrimaryKey hit : smallest) {
            boolean everywhere = true;
            for (Set<PrimaryKey> other : others) everywhere &= other.contains(hit);
            if (everywhere) kept.add(hit);
        }
        return kept;
    }

    /**
     * True when the row hit is at or before the one the page ended at, in the partition it ended in; a partition hit
     * (static clustering) is read on from where the page ended.
     */
    private boolean readBefore(PrimaryKey hit, PagingState state) {
        return !hit.clustering().isStatic() && clusterings.compare(hit.clustering(), state.lastClustering()) <= 0;
    }

    /** The hits inside the token range and after the row the previous page ended at. */
    private List<PrimaryKey> afterPagingState(List<PrimaryKey> hits, PagingState state) {
        DecoratedKey last = state == null ? null : DecoratedKey.of(state.partitionKey());
        List<PrimaryKey> kept = new ArrayList<>(hits.size());
        for (PrimaryKey hit : hits) {
            if (!range.contains(hit.partition().token())) continue;
            if (last != null) {
                int c = hit.partition().compareTo(last);
                if (c < 0 || (c == 0 && (state.partitionDone() || readBefore(hit, state)))) continue;
            }
            kept.add(hit);
        }
        return kept;
    }
}
