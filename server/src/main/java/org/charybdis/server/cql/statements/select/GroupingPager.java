package org.charybdis.server.cql.statements.select;

import org.charybdis.server.service.Deadline;
import org.charybdis.server.service.pager.PageBuilder.Page;
import org.charybdis.server.service.pager.PageSize;
import org.charybdis.server.service.pager.Pager;
import org.charybdis.server.service.pager.PagingState;
import org.charybdis.server.cql.statements.select.selection.Aggregation;
import org.charybdis.server.cql.statements.select.selection.Selection;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Pages through the groups of a GROUP BY query: reads rows from the row pager in internal pages, folds
 * consecutive rows of a group into one result row (aggregates, or the group's first row), and counts
 * LIMIT, PER PARTITION LIMIT and the page size in groups as Cassandra does. A page ends after a
 * complete group; its paging state points right after that group's last row, so a group split across
 * internal pages still yields one row.
 */
final class GroupingPager implements Pager {
    /** Rows read per internal page. */
    static final int INTERNAL_PAGE = 1_000;

    private final Pager rows;
    private final GroupBy groupBy;
    private final Selection selection;
    private final int perPartitionLimit;
    private final Deadline deadline;

    /** @param rows a row pager without LIMIT or PER PARTITION LIMIT: those count groups here */
    GroupingPager(Pager rows, GroupBy groupBy, Selection selection, int perPartitionLimit, Deadline deadline) {
        this.rows = rows;
        this.groupBy = groupBy;
        this.selection = selection;
        this.perPartitionLimit = perPartitionLimit;
        this.deadline = deadline;
    }

    @Override
    public CompletableFuture<Page> fetch(PagingState state, PageSize size, int remainingLimit) {
        Groups groups = new Groups(size.rows(), remainingLimit); // groups are few and small: they count, not their bytes
        PagingState inner = null;
        if (state != null) {
            groups.resumeIn(DecoratedKey.of(state.partitionKey()), perPartitionLimit - state.remainingInPartition());
            inner = new PagingState(state.partitionKey(), state.lastClustering(), Integer.MAX_VALUE, Integer.MAX_VALUE);
        }
        return read(groups, inner);
    }

    private CompletableFuture<Page> read(Groups groups, PagingState inner) {
        return rows.fetch(inner, PageSize.paged(INTERNAL_PAGE), Integer.MAX_VALUE).thenCompose(page -> {
            for (int i = 0; i < page.rows().size(); i++) {
                if (!groups.add(page.keys().get(i), page.clusterings().get(i), page.rows().get(i))) {
                    return CompletableFuture.completedFuture(groups.build(true));
                }
            }
            if (page.next() == null) {
                groups.finish();
                return CompletableFuture.completedFuture(groups.build(false));
            }
            deadline.check(); // between internal pages
            return read(groups, groups.skipping(page.next()));
        });
    }

    /** One page's groups in the making. */
    private final class Groups {
        private final int capacity;
        private final int remainingLimit;
        private final List<ByteBuffer[]> out = new ArrayList<>();
        private final List<DecoratedKey> outKeys = new ArrayList<>();
        private final List<Clustering> outClusterings = new ArrayList<>();
        private DecoratedKey partition;
        private int groupsInPartition;
        private DecoratedKey skippedPartition;
        // the open group
        private DecoratedKey groupKey;
        private Clustering groupClustering;
        private ByteBuffer groupFunctionValue;
        private ByteBuffer[] firstRow;
        private Aggregation aggregation;
        private Clustering lastClustering;
        // where the last emitted group ended
        private DecoratedKey emittedKey;
        private Clustering emittedClustering;
        private int emittedGroupsInPartition;

        Groups(int capacity, int remainingLimit) {
            this.capacity = Math.min(capacity, remainingLimit);
            this.remainingLimit = remainingLimit;
        }

        void resumeIn(DecoratedKey key, int groupsSoFar) {
            partition = key;
            groupsInPartition = groupsSoFar;
        }

        /** Adds one row; false when the page is complete and the row was not taken. */
        boolean add(DecoratedKey key, Clustering clustering, ByteBuffer[] values) {
            if (key.equals(skippedPartition)) return true;
            if (groupKey != null && groupBy.sameGroup(groupKey, groupClustering, groupFunctionValue, key, clustering)) {
                fold(clustering, values);
                return true;
            }
            if (groupKey != null && !emit()) return false;
            if (!key.equals(partition)) {
                partition = key;
                groupsInPartition = 0;
            }
            if (groupsInPartition >= perPartitionLimit) {
                skippedPartition = key;
                return true;
            }
            groupsInPartition++;
            groupKey = key;
            groupClustering = clustering;
            groupFunctionValue = groupBy.functionValue(clustering);
            firstRow = values;
            aggregation = selection.isAggregate() ? selection.newAggregation() : null;
            fold(clustering, values);
            return true;
        }

        /** The data ended: the open group is complete. */
        void finish() {
            if (groupKey != null) emit();
        }

        /** The state to read on from: past the rest of a partition whose PER PARTITION LIMIT is used up. */
        PagingState skipping(PagingState next) {
            boolean skip = next.partitionKey().equals(skippedPartition == null ? null : skippedPartition.key());
            return skip ? new PagingState(next.partitionKey(), null, Integer.MAX_VALUE, Integer.MAX_VALUE) : next;
        }

        private void fold(Clustering clustering, ByteBuffer[] values) {
            if (aggregation != null) aggregation.add(values);
            lastClustering = clustering;
        }

        /** Emits the open group; false when the page is then full. */
        private boolean emit() {
            out.add(aggregation != null ? aggregation.result() : firstRow);
            outKeys.add(groupKey);
            outClusterings.add(groupClustering);
            emittedKey = groupKey;
            emittedClustering = lastClustering;
            emittedGroupsInPartition = groupsInPartition;
            groupKey = null;
            return out.size() < capacity;
        }

        Page build(boolean mayHaveMore) {
            int remaining = remainingLimit == Integer.MAX_VALUE ? Integer.MAX_VALUE : remainingLimit - out.size();
            PagingState next = null;
            if (mayHaveMore && remaining > 0 && emittedKey != null) {
                int leftInPartition = perPartitionLimit == Integer.MAX_VALUE ? Integer.MAX_VALUE : perPartitionLimit - emittedGroupsInPartition;
                Clustering after = leftInPartition <= 0 ? null : emittedClustering;
                next = new PagingState(emittedKey.key(), after, remaining, Math.max(leftInPartition, 0));
            }
            return new Page(out, outKeys, outClusterings, next);
        }
    }
}
