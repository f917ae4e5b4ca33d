package org.charybdis.server.cql.statements.select;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.UsingTimeout;
import org.charybdis.server.cql.restrictions.Restrictions;
import org.charybdis.server.cql.statements.select.selection.Aggregation;
import org.charybdis.server.cql.statements.select.selection.Selection;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.cql.restrictions.AttachedPredicate;
import org.charybdis.server.service.ClientWarnings;
import org.charybdis.server.service.pager.AttachedQuery;
import org.charybdis.server.service.pager.RowProjection;
import org.charybdis.server.service.pager.ScoredProjection;
import org.charybdis.server.system.SystemKeyspaces;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableLayouts;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.Deadline;
import org.charybdis.server.service.StorageProxy;
import org.charybdis.server.service.pager.KeyedPager;
import org.charybdis.server.service.pager.PageBuilder.Page;
import org.charybdis.server.service.pager.PageSize;
import org.charybdis.server.service.pager.Pager;
import org.charybdis.server.service.pager.PagingState;
import org.charybdis.server.service.pager.RangePager;
import org.charybdis.server.service.pager.ShardReader;
import org.charybdis.server.service.pager.TableSource;
import org.charybdis.server.system.VirtualTables;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A compiled SELECT: binds its restrictions and limits, builds the pager that reads them through the coordinator,
 * fetches a page (or every page, for an aggregate) under the request's deadline, and returns the rows.
 */
final class SelectQuery implements CqlStatement {
    /** Rows per internal page when an aggregate reads everything. */
    private static final int AGGREGATE_PAGE = 10_000;

    private final TableMetadata table;
    private final Selection selection;
    /** The selection with masked columns masked (dynamic data masking); {@code selection} itself when none is. */
    private final Selection masked;
    /** The masked columns the WHERE clause restricts. */
    private final List<String> maskedRestricted;
    private final Restrictions restrictions;
    private final boolean reversed;
    private final boolean ordered;
    private final boolean distinct;
    private final BoundValue limit;
    private final BoundValue perPartitionLimit;
    private final GroupBy groupBy;
    /** ORDER BY ... ANN OF: a Top-K query; null otherwise. */
    private final AnnOrdering ann;
    private final UsingTimeout timeout;
    private final List<ColumnSpec> bindVariables;
    private final int[] partitionKeyBindIndexes;
    private final ResultMetadata metadata;
    private final ClusteringComparator comparator;
    private final Comparator<ByteBuffer> keyOrder;

    SelectQuery(TableMetadata table, Selection selection, Selection masked, List<String> maskedRestricted, Restrictions restrictions, boolean reversed, boolean ordered, boolean distinct,
                BoundValue limit, BoundValue perPartitionLimit, GroupBy groupBy, AnnOrdering ann, UsingTimeout timeout, List<ColumnSpec> bindVariables,
                int[] partitionKeyBindIndexes) {
        this.table = table;
        this.selection = selection;
        this.masked = masked;
        this.maskedRestricted = maskedRestricted;
        this.restrictions = restrictions;
        this.reversed = reversed;
        this.ordered = ordered;
        this.distinct = distinct;
        this.limit = limit;
        this.perPartitionLimit = perPartitionLimit;
        this.groupBy = groupBy;
        this.ann = ann;
        this.timeout = timeout;
        this.bindVariables = bindVariables;
        this.partitionKeyBindIndexes = partitionKeyBindIndexes;
        this.metadata = ResultMetadata.of(selection.columns());
        this.comparator = TableLayouts.clusteringComparator(table);
        this.keyOrder = keyOrder(table);
    }

    @Override
    public List<ColumnSpec> bindVariables() { return bindVariables; }

    @Override
    public int[] partitionKeyBindIndexes() { return partitionKeyBindIndexes.clone(); }

    @Override
    public ResultMetadata resultMetadata() { return metadata; }

    /** The selection the role sees: masked columns masked unless it holds UNMASK on the table, as in Cassandra 5.0. */
    private Selection selection(ExecutionContext context) {
        if (masked == selection || context.access().holds(Permission.UNMASK, table.keyspace(), table.name())) return selection;
        return masked;
    }

    /** The selection; for a role that is not a superuser, without the password hashes of system_auth.roles. */
    private RowProjection projection(ExecutionContext context, Selection selection) {
        RowProjection bound = selection.bind(context);
        if (context.access().superuser() || !table.keyspace().equals(SystemKeyspaces.SYSTEM_AUTH) || !table.name().equals("roles")) return bound;
        ColumnMetadata hash = table.column("salted_hash");
        return hash == null ? bound : new HiddenColumn(bound, hash.id());
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureTable(Permission.SELECT, table.keyspace(), table.name());
        if (!maskedRestricted.isEmpty()) context.access().ensureMaskedColumnsQueryable(table.keyspace(), table.name(), maskedRestricted);
    }

    @Override
    public CompletionStage<RowsResult> execute(ExecutionContext context) {
        org.charybdis.server.cql.ConsistencyChecks.forRead(context.options().consistency());
        Selection selection = selection(context);
        Restrictions.Bound where = restrictions.bind(context);
        int rowLimit = limit(limit, context);
        int partitionLimit = limit(perPartitionLimit, context);
        // with GROUP BY, the limits count groups: rows are read without them
        int rowsPerPartition = groupBy == null ? partitionLimit : Integer.MAX_VALUE;
        Deadline deadline = context.deadline(where.keys() != null ? Deadline.Kind.READ : Deadline.Kind.RANGE, timeout.bind(context),
                WriteType.SIMPLE);
        StorageProxy proxy = context.server().proxy();
        RowProjection projection = projection(context, selection);
        float[] annTarget = null;
        if (ann != null) {
            AnnOrdering.checkLimit(rowLimit);
            annTarget = ann.bind(context);
            projection = new ScoredProjection(projection, ann.column(), ann.similarity(), annTarget);
        }
        ShardReader reader = new ShardReader(table, projection, where.slices(), reversed, where.filters(),
                restrictions.isClusteringRestricted(), distinct, rowsPerPartition, context.nowInSeconds(), comparator, deadline, context.trace());
        TableSource source = VirtualTables.isVirtual(table)
                ? TableSource.snapshot(VirtualTables.snapshot(table, context.server()))
                : proxy.source(table, deadline, context.trace());
        Pager pager;
        List<AttachedPredicate> attached = restrictions.indexPlan().attached();
        if (where.keys() != null) pager = new KeyedPager(source, reader, where.keys(), keyOrder, rowsPerPartition);
        else if (!attached.isEmpty()) {
            List<AttachedQuery> predicates = AttachedQuery.perIndex(attached, context, table);
            pager = proxy.attachedIndexPager(table, predicates, reader, where.range(), rowsPerPartition, context.options().consistency(), deadline);
        } else if (where.indexLookup() != null) {
            pager = proxy.indexPager(table, restrictions.indexPlan().lookupIndex(), where.indexLookup(), reader, where.range(),
                    rowsPerPartition, context.options().consistency(), deadline);
        } else pager = new RangePager(source, reader, where.range(), rowsPerPartition);
        if (ann != null) {
            Pager scored = ann.searchesGraph()
                    ? proxy.annPager(table, ann.index(), annTarget, rowLimit, reader, context.options().consistency(), deadline) : pager;
            return proxy.read(deadline, context.options().consistency(), () -> TopKRows.collect(scored, rowLimit, deadline))
                    .thenApply(rows -> result(rows, null, context));
        }
        if (groupBy != null || selection.isAggregate()) warnOfAggregation(where, context.warnings());
        if (groupBy != null) pager = new GroupingPager(pager, groupBy, selection, partitionLimit, deadline);
        else if (selection.isAggregate()) {
            Pager rows = pager;
            return proxy.read(deadline, context.options().consistency(), () -> aggregate(rows, null, selection.newAggregation(), deadline))
                    .thenApply(row -> result(List.<ByteBuffer[]>of(row), null, context));
        }
        Pager paged = pager;
        int pageSize = context.pageSize() > 0 ? context.pageSize() : Integer.MAX_VALUE;
        if (ordered && where.keys() != null && where.keys().size() > 1) {
            if (pageSize != Integer.MAX_VALUE) {
                throw new InvalidRequestException("Cannot page queries with both ORDER BY and a IN restriction on the partition key; "
                        + "you must either remove the ORDER BY or the IN and sort client side, or disable paging for this query");
            }
            return proxy.read(deadline, context.options().consistency(), () -> paged.fetch(null, PageSize.rows(Integer.MAX_VALUE), Integer.MAX_VALUE))
                    .thenApply(page -> result(sortedAcrossPartitions(page, rowLimit), null, context));
        }
        ByteBuffer stateBytes = context.options().pagingState();
        PagingState state = stateBytes == null ? null : PagingState.decode(stateBytes);
        int remaining = state != null ? Math.min(state.remaining(), rowLimit) : rowLimit;
        if (context.pageSize() <= 0) {
            UnpagedResultLimit resultLimit = UnpagedResultLimit.of(context.server().config());
            return proxy.read(deadline, context.options().consistency(), () -> unpaged(paged, state, remaining, new ArrayList<>(), 0, resultLimit, deadline))
                    .thenApply(rows -> result(rows, null, context));
        }
        return proxy.read(deadline, context.options().consistency(), () -> paged.fetch(state, PageSize.paged(Math.min(pageSize, remaining)), remaining))
                .thenApply(page -> result(page.rows(), page.next(), context));
    }

    /**
     * An unpaged query: read page by page, so that a long read lets other requests in between its pages, into one
     * result held to the unpaged result limits; stops between pages past the deadline.
     */
    private CompletableFuture<List<ByteBuffer[]>> unpaged(Pager pager, PagingState state, int remaining, List<ByteBuffer[]> rows,
                                                         long bytes, UnpagedResultLimit resultLimit, Deadline deadline) {
        return pager.fetch(state, PageSize.paged(remaining), remaining).thenCompose(page -> {
            long total = bytes;
            for (ByteBuffer[] row : page.rows()) total += PageSize.bytesOf(row);
            resultLimit.check(bytes, total, "SELECT from " + table.keyspace() + "." + table.name());
            rows.addAll(page.rows());
            int left = remaining - page.rows().size();
            if (page.next() == null || left <= 0) return CompletableFuture.completedFuture(rows);
            deadline.check();
            return unpaged(pager, page.next(), left, rows, total, resultLimit, deadline);
        });
    }

    /** Cassandra's warnings on aggregates and groups over more than one partition. */
    private void warnOfAggregation(Restrictions.Bound where, ClientWarnings warnings) {
        if (!restrictions.restrictsPartitions()) warnings.add("Aggregation query used without partition key");
        else if (where.keys() != null && where.keys().size() > 1) warnings.add("Aggregation query used on multiple partition keys (IN restriction)");
    }

    /** Reads every page internally and folds the rows into the single aggregate row; stops between pages past the deadline. */
    private CompletableFuture<ByteBuffer[]> aggregate(Pager pager, PagingState state, Aggregation aggregation, Deadline deadline) {
        return pager.fetch(state, PageSize.paged(AGGREGATE_PAGE), Integer.MAX_VALUE).thenCompose(page -> {
            for (ByteBuffer[] row : page.rows()) aggregation.add(row);
            if (page.next() != null) {
                deadline.check();
                return aggregate(pager, page.next(), aggregation, deadline);
            }
            return CompletableFuture.completedFuture(aggregation.result());
        });
    }

    /** IN with ORDER BY: Cassandra merges the partitions' rows by clustering, then applies the LIMIT. */
    private List<ByteBuffer[]> sortedAcrossPartitions(Page page, int rowLimit) {
        List<Integer> order = new ArrayList<>(page.rows().size());
        for (int i = 0; i < page.rows().size(); i++) order.add(i);
        Comparator<Integer> byClustering = (a, b) -> {
            Clustering ca = page.clusterings().get(a);
            Clustering cb = page.clusterings().get(b);
            if (ca == null || cb == null) return ca == null ? (cb == null ? 0 : -1) : 1;
            return comparator.compare(ca, cb);
        };
        order.sort(reversed ? byClustering.reversed() : byClustering);
        List<ByteBuffer[]> rows = new ArrayList<>(Math.min(order.size(), rowLimit));
        for (int i = 0; i < order.size() && rows.size() < rowLimit; i++) rows.add(page.rows().get(order.get(i)));
        return rows;
    }

    private RowsResult result(List<ByteBuffer[]> rows, PagingState next, ExecutionContext context) {
        ResultMetadata m = next == null ? metadata : metadata.withPagingState(next.encode());
        if (context.options().skipMetadata()) m = m.withoutColumns();
        return new RowsResult(m, rows);
    }

    private static int limit(BoundValue value, ExecutionContext context) {
        if (value == null) return Integer.MAX_VALUE;
        ByteBuffer bytes = value.bind(context);
        if (bytes == QueryOptions.UNSET) return Integer.MAX_VALUE;
        if (bytes == null) throw new InvalidRequestException("Invalid null value of limit");
        int n = bytes.getInt(bytes.position());
        if (n <= 0) throw new InvalidRequestException("LIMIT must be strictly positive");
        return n;
    }


    /** Serialized partition keys ordered component by component by their types (IN result order). */
    private static Comparator<ByteBuffer> keyOrder(TableMetadata table) {
        List<ColumnMetadata> pk = table.partitionKey();
        return (a, b) -> {
            ByteBuffer[] x = PartitionKeys.split(a, pk.size());
            ByteBuffer[] y = PartitionKeys.split(b, pk.size());
            for (int i = 0; i < pk.size(); i++) {
                int c = pk.get(i).type().compare(x[i], y[i]);
                if (c != 0) return c;
            }
            return 0;
        };
    }
}
