package org.charybdis.server.service.pager;

import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.server.index.IndexedColumn;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableLayouts;
import org.charybdis.server.service.Deadline;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Pages through the rows storage-attached indexes find: every shard asks its base table for the rows (of static and
 * partition key columns: the partitions) holding a term of each indexed relation (memtables and SSTables' SAI.db
 * together), keeps the rows every relation found (intersection), skips those outside the token range or before the
 * paging state, then reads and re-checks only those rows (or partitions), in rounds ({@link AttachedIndexShardScan}).
 * The cost of a page follows its matches, not the table nor the pages before it. Shards are merged by token.
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
        return new AttachedIndexShardScan(base, predicates, rowLevel, reader, range, state, budget, perPartitionLimit, deadline, clusterings)
                .run(budget);
    }
}
