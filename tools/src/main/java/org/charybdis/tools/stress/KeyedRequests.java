package org.charybdis.tools.stress;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The profile's insert or read for one key index at a time; completes with the rows of the answer's first page
 * (0 for a write, 0 or 1 for a point read). Stateless: one instance serves every slot.
 */
final class KeyedRequests implements RequestStream, RequestSource {
    private final CqlSession session;
    private final PreparedStatement statement;
    private final List<ValueSpec> values;
    private final LongSupplier keys;
    private final int pageSize;
    private final ConsistencyLevel consistency;

    /** @param consistency null for the driver's default */
    KeyedRequests(CqlSession session, PreparedStatement statement, List<ValueSpec> values, LongSupplier keys, int pageSize,
                  ConsistencyLevel consistency) {
        this.session = session;
        this.statement = statement;
        this.values = values;
        this.keys = keys;
        this.pageSize = pageSize;
        this.consistency = consistency;
    }

    @Override
    public CompletionStage<Integer> send() {
        return session.executeAsync(bind(keys.getAsLong())).thenApply(AsyncResultSet::remaining);
    }

    /** The statement with the values of this key index; also used to check a profile before the run. */
    BoundStatement bind(long keyIndex) {
        Object[] bound = new Object[values.size()];
        for (int i = 0; i < bound.length; i++) bound[i] = values.get(i).value(keyIndex);
        return statement.boundStatementBuilder(bound).setPageSize(pageSize).setConsistencyLevel(consistency).build();
    }

    @Override
    public RequestStream newStream() {
        return this;
    }

    @Override
    public boolean shareable() {
        return true;
    }
}
