package org.charybdis.server.cql.statements.select;

import org.charybdis.server.service.Deadline;
import org.charybdis.server.service.pager.PageSize;
import org.charybdis.server.service.pager.Pager;
import org.charybdis.server.service.pager.PagingState;
import org.charybdis.server.service.pager.ScoredProjection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The k best rows of a Top-K (ANN) query: reads every row the restrictions select, page by page (stopping between
 * pages past the deadline), keeps the k highest scores of {@link ScoredProjection}, and returns them best first
 * without their score. Rows come from live data only, so deleted and overwritten vectors never appear.
 */
final class TopKRows {
    /** Rows per internal page. */
    private static final int PAGE = 10_000;

    private final int k;
    private final Deadline deadline;
    /** The best rows so far, worst first; ties keep the earlier row. */
    private final PriorityQueue<Ranked> best;
    private long seen;

    private record Ranked(ByteBuffer[] row, float score, long order) {}

    private TopKRows(int k, Deadline deadline) {
        this.k = k;
        this.deadline = deadline;
        Comparator<Ranked> worstFirst = Comparator.comparingDouble(Ranked::score);
        this.best = new PriorityQueue<>(Math.min(k, PAGE) + 1, worstFirst.thenComparing(Comparator.comparingLong(Ranked::order).reversed()));
    }

    static CompletableFuture<List<ByteBuffer[]>> collect(Pager pager, int k, Deadline deadline) {
        return new TopKRows(k, deadline).read(pager, null);
    }

    private CompletableFuture<List<ByteBuffer[]>> read(Pager pager, PagingState state) {
        return pager.fetch(state, PageSize.paged(PAGE), Integer.MAX_VALUE).thenCompose(page -> {
            for (ByteBuffer[] row : page.rows()) offer(row);
            if (page.next() == null) return CompletableFuture.completedFuture(result());
            deadline.check();
            return read(pager, page.next());
        });
    }

    private void offer(ByteBuffer[] row) {
        float score = ScoredProjection.score(row);
        if (Float.isNaN(score)) return;
        best.add(new Ranked(row, score, seen++));
        if (best.size() > k) best.poll();
    }

    private List<ByteBuffer[]> result() {
        List<ByteBuffer[]> rows = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            ByteBuffer[] row = best.poll().row();
            rows.add(Arrays.copyOf(row, row.length - 1));
        }
        return rows.reversed();
    }
}
