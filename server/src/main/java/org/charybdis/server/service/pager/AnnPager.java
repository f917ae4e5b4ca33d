package org.charybdis.server.service.pager;

import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.server.index.vector.VectorGraph;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.Deadline;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The rows of an unrestricted ANN query, found through the vector index: every shard searches its graph for the
 * nodes nearest the target and reads their rows best first, keeping a row only while it still holds the vector the
 * node has (a deleted row reads as nothing, an overwritten one scores otherwise and has a node of its own), until it
 * has {@code limit} rows; it widens the search when stale nodes used up the candidates. One page: the coordinator
 * ranks the shards' rows by the score {@link ScoredProjection} appends.
 */
public final class AnnPager implements Pager {
    private final Database database;
    private final TableMetadata table;
    private final IndexMetadata index;
    private final float[] target;
    private final int limit;
    private final ShardReader reader;
    private final ConsistencyLevel consistency;
    private final Deadline deadline;

    /** @param reader a reader whose projection is a {@link ScoredProjection} against {@code target} */
    public AnnPager(Database database, TableMetadata table, IndexMetadata index, float[] target, int limit, ShardReader reader,
                    ConsistencyLevel consistency, Deadline deadline) {
        this.database = database;
        this.table = table;
        this.index = index;
        this.target = target;
        this.limit = limit;
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
        VectorGraph graph = IndexPager.available(database, storage, table, index, consistency).vectors();
        ShardSearch search = new ShardSearch(storage.table(table.id()), graph);
        return AsyncLoop.until(search::next).thenApply(ignored -> search.found);
    }

    private record Position(DecoratedKey key, Clustering clustering) {}

    /** One shard's search: candidates best first, each read and checked, widening the beam while rows are missing. */
    private final class ShardSearch {
        private final TableEngine base;
        private final VectorGraph graph;
        private final List<ByteBuffer[]> found = new ArrayList<>();
        /** Nodes already read, so that a wider search does not read them again. */
        private final Set<Integer> read = new HashSet<>();
        /** Rows already found: a row written twice with the same vector has two nodes. */
        private final Set<Position> rows = new HashSet<>();
        private List<VectorGraph.Candidate> candidates;
        private int beam = limit;
        private int next;

        ShardSearch(TableEngine base, VectorGraph graph) {
            this.base = base;
            this.graph = graph;
            this.candidates = graph.search(target, beam);
        }

        /** Reads the next candidate's row; true when done. */
        CompletableFuture<Boolean> next() {
            if (found.size() >= limit) return CompletableFuture.completedFuture(true);
            if (next == candidates.size()) {
                if (candidates.size() >= graph.size() || beam >= graph.size()) return CompletableFuture.completedFuture(true);
                beam = (int) Math.min(4L * beam, graph.size());
                candidates = graph.search(target, beam);
                next = 0;
            }
            VectorGraph.Candidate candidate = candidates.get(next++);
            if (!read.add(candidate.node())) return CompletableFuture.completedFuture(false);
            deadline.check();
            return reader.readRows(base, candidate.key(), List.of(Slice.exactly(candidate.clustering())), 1, PageSize.rows(1)).thenApply(chunk -> {
                for (ByteBuffer[] row : chunk.rows()) {
                    boolean current = ScoredProjection.score(row) == candidate.score();
                    if (current && rows.add(new Position(candidate.key(), candidate.clustering()))) found.add(row);
                }
                return false;
            });
        }
    }
}
