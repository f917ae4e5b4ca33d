package org.charybdis.server.service.pager;

import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.Deadline;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.sai.PrimaryKey;
import org.charybdis.storage.vector.VectorCandidate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The rows of an unrestricted ANN query, found through the vector index: every shard takes the best candidates of
 * its memtables and of each SSTable's graph (merged by score in the storage engine), and reads their rows best
 * first, keeping a row only while it still holds the vector the candidate has (a deleted or expired row reads as
 * nothing, an overwritten one scores otherwise and is a candidate of its own), until it has {@code limit} rows; it
 * asks for more candidates when stale ones used them up. One page (as Cassandra 5.0 answers an ANN query, whatever
 * the page size): the coordinator ranks the shards' rows by the score {@link ScoredProjection} appends.
 */
public final class AnnPager implements Pager {
    private final Database database;
    private final TableMetadata table;
    private final IndexMetadata index;
    private final float[] target;
    private final int limit;
    private final int width;
    private final ShardReader reader;
    private final ConsistencyLevel consistency;
    private final Deadline deadline;

    /**
     * @param width  the nodes each SSTable's graph search collects, at least (vector_search_beam_width)
     * @param reader a reader whose projection is a {@link ScoredProjection} against {@code target}
     */
    public AnnPager(Database database, TableMetadata table, IndexMetadata index, float[] target, int limit, int width, ShardReader reader,
                    ConsistencyLevel consistency, Deadline deadline) {
        this.database = database;
        this.table = table;
        this.index = index;
        this.target = target;
        this.limit = limit;
        this.width = width;
        this.reader = reader;
        this.consistency = consistency;
        this.deadline = deadline;
    }

    @Override
    public CompletableFuture<PageBuilder.Page> fetch(PagingState state, PageSize size, int remainingLimit) {
        return database.onAllShardsAsync(this::searchShard).thenApply(parts -> {
            List<ByteBuffer[]> rows = new ArrayList<>();
            for (List<ByteBuffer[]> part : parts) rows.addAll(part);
            return new PageBuilder.Page(rows, List.of(), List.of(), null);
        });
    }

    /** Runs on one shard: its best {@code limit} live rows. */
    private CompletableFuture<List<ByteBuffer[]>> searchShard(ShardStorage storage) {
        deadline.check();
        IndexPager.available(database, storage, table, index, consistency);
        ShardSearch search = new ShardSearch(storage.table(table.id()));
        return AsyncLoop.until(search::next).thenApply(ignored -> search.found);
    }

    /** One shard's search: candidates best first, each read and checked, asking for four times more while rows are missing. */
    private final class ShardSearch {
        private final TableEngine base;
        private final List<ByteBuffer[]> found = new ArrayList<>();
        /** Candidates already read, so that a wider search does not read them again. */
        private final Set<VectorCandidate> read = new HashSet<>();
        /** Rows already found: a row written twice with the same vector is a candidate twice. */
        private final Set<PrimaryKey> rows = new HashSet<>();
        private List<VectorCandidate> candidates;
        private int count = limit;
        private int next;

        ShardSearch(TableEngine base) {
            this.base = base;
        }

        /** Reads the next candidate's row (or asks for more candidates); true when done. */
        CompletableFuture<Boolean> next() {
            if (found.size() >= limit) return CompletableFuture.completedFuture(true);
            if (candidates == null || next == candidates.size()) {
                if (candidates != null && candidates.size() < count) return CompletableFuture.completedFuture(true); // all seen
                if (candidates != null) count = (int) Math.min(4L * count, Integer.MAX_VALUE / 2);
                return base.searchVectorIndex(index.id(), target, count, Math.max(width, count), reader.trace()).thenApply(more -> {
                    candidates = more;
                    next = 0;
                    return false;
                });
            }
            VectorCandidate candidate = candidates.get(next++);
            if (!read.add(candidate)) return CompletableFuture.completedFuture(false);
            deadline.check();
            PrimaryKey row = candidate.row();
            return reader.readRows(base, row.partition(), List.of(Slice.exactly(row.clustering())), 1, PageSize.rows(1)).thenApply(chunk -> {
                for (ByteBuffer[] values : chunk.rows()) {
                    boolean current = ScoredProjection.score(values) == candidate.score();
                    if (current && rows.add(row)) found.add(values);
                }
                return false;
            });
        }
    }
}
