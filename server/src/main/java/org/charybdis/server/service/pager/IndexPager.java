package org.charybdis.server.service.pager;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.ReadFailureException;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.server.index.IndexedColumn;
import org.charybdis.server.index.LocalIndex;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.Deadline;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ReadLimit;
import org.charybdis.storage.engine.RequestTrace;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.sai.PrimaryKey;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Pages through the rows a secondary index finds: every shard reads the entries of the looked-up value from its
 * own index table (in base token order, from where the last page stopped), reads each hit's base row, and keeps it
 * only if the row still satisfies every restriction (the indexed one included: entries are never deleted, so a
 * stale one is skipped here). The shards' partitions are merged by token, as a range scan's are.
 */
public final class IndexPager implements Pager {
    /** Cassandra's RequestFailureReason.INDEX_NOT_AVAILABLE. */
    private static final int INDEX_NOT_AVAILABLE = 6;

    private final Database database;
    private final TableMetadata table;
    private final IndexMetadata index;
    private final ByteBuffer lookup;
    private final ShardReader reader;
    private final TokenRange range;
    private final int perPartitionLimit;
    private final long nowInSeconds;
    private final ConsistencyLevel consistency;
    private final Deadline deadline;

    public IndexPager(Database database, TableMetadata table, IndexMetadata index, ByteBuffer lookup, ShardReader reader, TokenRange range,
                      int perPartitionLimit, ConsistencyLevel consistency, Deadline deadline) {
        this.database = database;
        this.table = table;
        this.index = index;
        this.lookup = lookup;
        this.reader = reader;
        this.range = range;
        this.perPartitionLimit = perPartitionLimit;
        this.nowInSeconds = reader.nowInSeconds();
        this.consistency = consistency;
        this.deadline = deadline;
    }

    @Override
    public CompletableFuture<PageBuilder.Page> fetch(PagingState state, PageSize size, int remainingLimit) {
        return fetchFromShards(database, range, perPartitionLimit, size, remainingLimit, storage -> scanShard(storage, state, size), state);
    }

    /** A page of the hits every shard's {@code scan} finds, merged by token as a range scan's are. */
    static CompletableFuture<PageBuilder.Page> fetchFromShards(Database database, TokenRange range, int perPartitionLimit, PageSize size,
                                                               int remainingLimit,
                                                               Function<ShardStorage, CompletableFuture<ShardReader.ScanResult>> scan,
                                                               PagingState state) {
        PageBuilder page = new PageBuilder(size, remainingLimit, perPartitionLimit);
        if (range.isEmpty()) return CompletableFuture.completedFuture(page.build(false));
        return database.onAllShardsAsync(scan).thenApply(results -> page.build(RangePager.merge(page, results, state, perPartitionLimit)));
    }

    /** Runs on one shard: the hits of the shard's index entries, up to what {@code budget} allows. */
    private CompletableFuture<ShardReader.ScanResult> scanShard(ShardStorage storage, PagingState state, PageSize budget) {
        deadline.check();
        LocalIndex local = available(database, storage, table, index, consistency);
        TableEngine base = storage.table(table.id());
        IndexedColumn definition = local.definition();
        ReadFilter entries = entryFilter(definition, state);
        if (entries == null) return CompletableFuture.completedFuture(new ShardReader.ScanResult(List.of(), true));
        RequestTrace trace = reader.trace();
        if (trace.enabled()) trace.event("Querying index " + index.name());
        return local.engine().read(IndexedColumn.entryKey(lookup), entries, nowInSeconds, ReadLimit.NONE, trace).thenCompose(view -> {
            if (view == null) {
                if (trace.enabled()) trace.event("Index " + index.name() + " holds no entry for the value");
                return CompletableFuture.completedFuture(new ShardReader.ScanResult(List.of(), true));
            }
            IndexHitReader hits = new IndexHitReader(reader, base, definition.partitionLevel(), hitsOf(definition, view.rows()), state, budget,
                    perPartitionLimit, deadline);
            return AsyncLoop.until(hits::next).thenApply(ignored -> {
                if (trace.enabled()) {
                    trace.event("Index " + index.name() + ": " + hits.hitsRead + " entries read, " + hits.rows + " matching rows in "
                            + hits.chunks.size() + " partitions");
                }
                return new ShardReader.ScanResult(hits.chunks, hits.complete);
            });
        });
    }

    /** The shard's copy of the index, refused while it is dropped or still building (as Cassandra refuses it). */
    static LocalIndex available(Database database, ShardStorage storage, TableMetadata table, IndexMetadata index, ConsistencyLevel consistency) {
        LocalIndex local = database.indexes().shard(storage.shardId()).index(index.id());
        if (local == null || storage.table(table.id()) == null) {
            throw new InvalidRequestException("Index " + index.name() + " was dropped while the query was running");
        }
        if (!local.isBuilt()) {
            throw new ReadFailureException("Operation failed - received 0 responses and 1 failures: INDEX_NOT_AVAILABLE from "
                    + "localhost/127.0.0.1:7000 (the secondary index '" + index.name() + "' is not yet available)", consistency, 0, 1,
                    Map.of(InetAddress.getLoopbackAddress(), INDEX_NOT_AVAILABLE), false);
        }
        return local;
    }

    /** The entries to read: those of the token range, after the paging state's position; null when none. */
    private ReadFilter entryFilter(IndexedColumn definition, PagingState state) {
        ClusteringBound start = range.start() == Long.MIN_VALUE && range.startInclusive()
                ? ClusteringBound.BOTTOM : ClusteringBound.start(range.startInclusive(), token(range.start()));
        ClusteringBound end = range.end() == Long.MAX_VALUE && range.endInclusive()
                ? ClusteringBound.TOP : ClusteringBound.end(range.endInclusive(), token(range.end()));
        if (state != null) {
            DecoratedKey after = DecoratedKey.of(state.partitionKey());
            ByteBuffer[] prefix = {token(after.token()), after.key()};
            if (state.partitionDone()) start = ClusteringBound.start(false, prefix);
            else if (definition.partitionLevel()) start = ClusteringBound.start(true, prefix);
            else {
                Clustering last = state.lastClustering();
                ByteBuffer[] position = new ByteBuffer[2 + last.size()];
                position[0] = prefix[0];
                position[1] = prefix[1];
                for (int i = 0; i < last.size(); i++) position[2 + i] = last.get(i);
                start = ClusteringBound.start(false, position);
            }
        }
        Slice slice = new Slice(start, end);
        if (definition.layout().clusteringComparator().isEmpty(slice)) return null;
        return new ReadFilter(List.of(slice), false, null, false);
    }

    private static ByteBuffer token(long token) {
        return ByteBuffer.allocate(8).putLong(0, token);
    }

    /** The base rows the entries point to, as index hits. */
    private static Iterator<PrimaryKey> hitsOf(IndexedColumn definition, Iterator<Row> entries) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() { return entries.hasNext(); }

            @Override
            public PrimaryKey next() {
                Clustering entry = entries.next().clustering();
                return new PrimaryKey(IndexedColumn.basePartition(entry), definition.partitionLevel() ? null : definition.baseClustering(entry));
            }
        };
    }
}
