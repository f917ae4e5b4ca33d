package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.server.cql.terms.functions.AggregateFunction.Aggregator;

import java.nio.ByteBuffer;

/**
 * One execution's fold of rows into the single row of an aggregate query. Selectors outside the
 * aggregates take their value from the first row, as in Cassandra. Used by one thread at a time.
 */
public final class Aggregation {
    private final AggregationPlan plan;
    private final Aggregator[] aggregators;
    private ByteBuffer[] firstRow;

    Aggregation(AggregationPlan plan, Aggregator[] aggregators) {
        this.plan = plan;
        this.aggregators = aggregators;
    }

    /** Adds one row's values, as {@link Selection#values} computed them. */
    public void add(ByteBuffer[] inputs) {
        if (firstRow == null) firstRow = inputs;
        for (int i = 0; i < aggregators.length; i++) {
            int input = plan.aggregateInput(i);
            aggregators[i].add(input < 0 ? null : inputs[input]);
        }
    }

    /** The result row; with no rows added, aggregates give their empty value and other selectors null. */
    public ByteBuffer[] result() {
        ByteBuffer[] results = new ByteBuffer[aggregators.length];
        for (int i = 0; i < results.length; i++) results[i] = aggregators[i].result();
        return plan.finish(results, firstRow);
    }
}
