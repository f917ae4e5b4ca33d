package org.charybdis.server.service.pager;

import org.charybdis.server.service.Deadline;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.RequestTrace;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.sai.PrimaryKey;
import org.charybdis.storage.sai.SearchStart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One shard's part of a page of an {@link AttachedIndexPager} query, in rounds: each round asks every index for its
 * next hits in table order (a bounded number, from where the page or the previous round ended), keeps the rows every
 * relation found before the first partition that some index may not have told all of, and reads them; rounds go on
 * until the page's budget is spent or the indexes have no more. A page thus costs what it returns, however deep it
 * lies in a large result. Rounds end at partition boundaries, so a partition is read once per page.
 */
final class AttachedIndexShardScan {
    /** Hits asked of each index per round: past the page's rows, for the stale hits the re-check drops. */
    private static final int MIN_ROUND = 128;
    private static final int MAX_ROUND = 16_384;

    private final TableEngine base;
    private final List<AttachedQuery> predicates;
    private final Set<java.util.UUID> rowLevel;
    private final TokenRange range;
    private final PagingState state;
    private final ClusteringComparator clusterings;
    private final Comparator<PrimaryKey> order;
    private final RequestTrace trace;
    private final IndexHitReader rows;
    private int candidates;

    AttachedIndexShardScan(TableEngine base, List<AttachedQuery> predicates, Set<java.util.UUID> rowLevel, ShardReader reader, TokenRange range,
                           PagingState state, PageSize budget, int perPartitionLimit, Deadline deadline, ClusteringComparator clusterings) {
        this.base = base;
        this.predicates = predicates;
        this.rowLevel = rowLevel;
        this.range = range;
        this.state = state;
        this.clusterings = clusterings;
        this.order = PrimaryKey.order(clusterings);
        this.trace = reader.trace();
        this.rows = new IndexHitReader(reader, base, rowLevel.isEmpty(), java.util.Collections.emptyIterator(), state, budget, perPartitionLimit,
                deadline);
    }

    /** Reads this shard's rows of the page. */
    CompletableFuture<ShardReader.ScanResult> run(PageSize budget) {
        SearchStart start = state == null ? null : SearchStart.atPartition(DecoratedKey.of(state.partitionKey()));
        int limit = Math.max(MIN_ROUND, Math.min(budget.rows(), MAX_ROUND) + 1);
        return rounds(start, limit).thenApply(ignored -> {
            if (trace.enabled()) {
                trace.event("Storage-attached indexes: " + candidates + " candidate rows, " + rows.hitsRead + " read, " + rows.rows
                        + " matching rows in " + rows.chunks.size() + " partitions");
            }
            return new ShardReader.ScanResult(rows.chunks, rows.complete);
        });
    }

    private CompletableFuture<Void> rounds(SearchStart start, int limit) {
        return round(start, limit).thenCompose(round -> {
            if (round.next != null && round.next.equals(start)) return rounds(start, limit * 2); // one partition holds them all
            List<PrimaryKey> hits = afterPagingState(round.hits);
            candidates += hits.size();
            rows.feed(hits.iterator());
            return AsyncLoop.until(rows::next).thenCompose(done -> {
                if (!rows.complete || round.next == null) return CompletableFuture.completedFuture(null); // page full, or no more
                return rounds(round.next, limit);
            });
        });
    }

    /** The hits of one round, and where the next one starts (null: the indexes told all). */
    private record Round(List<PrimaryKey> hits, SearchStart next) {}

    private CompletableFuture<Round> round(SearchStart start, int limit) {
        List<List<PrimaryKey>> found = new ArrayList<>(predicates.size());
        CompletableFuture<Void> searched = CompletableFuture.completedFuture(null);
        for (AttachedQuery predicate : predicates) {
            searched = searched.thenCompose(ignored -> {
                if (trace.enabled()) trace.event("Querying storage-attached index " + predicate.index().name());
                return base.searchAttachedIndex(predicate.index().id(), predicate.terms(), start, limit, trace);
            }).thenAccept(found::add);
        }
        return searched.thenApply(ignored -> {
            // an index that returned its limit may have more: only partitions before its last one are known whole
            PrimaryKey horizon = null;
            for (List<PrimaryKey> hits : found) {
                if (hits.size() == limit && (horizon == null || order.compare(hits.getLast(), horizon) < 0)) horizon = hits.getLast();
            }
            List<PrimaryKey> kept = intersection(found);
            if (horizon == null) return new Round(kept, null);
            DecoratedKey cut = horizon.partition();
            kept.removeIf(hit -> hit.partition().compareTo(cut) >= 0);
            return new Round(kept, SearchStart.atPartition(cut));
        });
    }

    /**
     * The rows every relation found, in table order: those of the row-level indexes (regular and clustering columns)
     * inside the partitions of the partition-level ones (static and partition key columns); or, without a row-level
     * index, the partitions every partition-level one found.
     */
    private List<PrimaryKey> intersection(List<List<PrimaryKey>> found) {
        List<List<PrimaryKey>> rowHits = new ArrayList<>();
        List<List<PrimaryKey>> partitionHits = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) (rowLevel.contains(predicates.get(i).index().id()) ? rowHits : partitionHits).add(found.get(i));
        if (rowHits.isEmpty()) return sameLevelIntersection(partitionHits);
        List<PrimaryKey> kept = sameLevelIntersection(rowHits);
        for (List<PrimaryKey> hits : partitionHits) {
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

    /** The hits inside the token range and after the row the previous page ended at. */
    private List<PrimaryKey> afterPagingState(List<PrimaryKey> hits) {
        DecoratedKey last = state == null ? null : DecoratedKey.of(state.partitionKey());
        List<PrimaryKey> kept = new ArrayList<>(hits.size());
        for (PrimaryKey hit : hits) {
            if (!range.contains(hit.partition().token())) continue;
            if (last != null) {
                int c = hit.partition().compareTo(last);
                if (c < 0 || (c == 0 && (state.partitionDone() || readBefore(hit)))) continue;
            }
            kept.add(hit);
        }
        return kept;
    }

    /**
     * True when the row hit is at or before the one the page ended at, in the partition it ended in; a partition hit
     * (static clustering) is read on from where the page ended.
     */
    private boolean readBefore(PrimaryKey hit) {
        return !hit.clustering().isStatic() && clusterings.compare(hit.clustering(), state.lastClustering()) <= 0;
    }
}
