package org.charybdis.tools.stress;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.tools.cql.TokenRanges;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Full-table scans: slots take the token ranges in turn and page through each; a request is one page and completes
 * with its row count. After the last range the next pass starts over, until {@code passes} are done (0: no limit).
 * A page that fails abandons the rest of its range (counted as one error).
 */
final class ScanRequests implements RequestSource {
    private final CqlSession session;
    private final PreparedStatement statement;
    private final List<TokenRanges.Range> ranges;
    private final long passes;
    private final int pageSize;
    private final ConsistencyLevel consistency;
    private final AtomicLong nextRange = new AtomicLong();

    /**
     * @param statement a select with two markers: the exclusive start and the inclusive end token
     * @param consistency null for the driver's default
     */
    ScanRequests(CqlSession session, PreparedStatement statement, int splits, long passes, int pageSize, ConsistencyLevel consistency) {
        this.session = session;
        this.statement = statement;
        this.ranges = TokenRanges.split(splits);
        this.passes = passes;
        this.pageSize = pageSize;
        this.consistency = consistency;
    }

    @Override
    public RequestStream newStream() {
        return new RangePager();
    }

    @Override
    public boolean shareable() {
        return false;
    }

    /** The next range to scan, or null once the passes are done. */
    private TokenRanges.Range takeRange() {
        long n = nextRange.getAndIncrement();
        if (passes > 0 && n >= passes * ranges.size()) return null;
        return ranges.get((int) (n % ranges.size()));
    }

    /** One slot: pages through a range, then takes the next. Its requests never overlap, so no locking. */
    private final class RangePager implements RequestStream {
        private AsyncResultSet page;

        @Override
        public CompletionStage<Integer> send() {
            CompletionStage<AsyncResultSet> next;
            if (page != null && page.hasMorePages()) {
                next = page.fetchNextPage();
            } else {
                TokenRanges.Range range = takeRange();
                if (range == null) return null;
                next = session.executeAsync(statement.boundStatementBuilder(range.start(), range.end())
                        .setPageSize(pageSize).setConsistencyLevel(consistency).build());
            }
            page = null; // until this page arrives; on failure the range is given up
            return next.thenApply(result -> {
                page = result;
                return result.remaining();
            });
        }
    }
}
