package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.server.cql.terms.functions.AggregateFunction;
import org.charybdis.server.cql.terms.functions.AggregateFunction.Aggregator;
import org.charybdis.server.cql.terms.functions.ScalarFunction;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * How an aggregate selection splits: the per-row inputs computed on the shards (aggregate arguments
 * and the selectors outside aggregates), the aggregates folding them, and the final computation of
 * each result column from aggregate results and first-row inputs.
 */
final class AggregationPlan {
    /** Computes one result column at the end. */
    private sealed interface Finisher {
        ByteBuffer finish(ByteBuffer[] aggregates, ByteBuffer[] firstRow);
    }

    private record FirstRow(int input) implements Finisher {
        @Override
        public ByteBuffer finish(ByteBuffer[] aggregates, ByteBuffer[] firstRow) {
            return firstRow == null ? null : firstRow[input];
        }
    }

    private record AggregateResult(int aggregate) implements Finisher {
        @Override
        public ByteBuffer finish(ByteBuffer[] aggregates, ByteBuffer[] firstRow) {
            return aggregates[aggregate];
        }
    }

    private record Apply(ScalarFunction function, Finisher[] arguments) implements Finisher {
        @Override
        public ByteBuffer finish(ByteBuffer[] aggregates, ByteBuffer[] firstRow) {
            ByteBuffer[] values = new ByteBuffer[arguments.length];
            for (int i = 0; i < values.length; i++) values[i] = arguments[i].finish(aggregates, firstRow);
            return function.execute(values);
        }
    }

    private final List<RowExpression> inputs = new ArrayList<>();
    private final List<AggregateFunction> aggregates = new ArrayList<>();
    private final List<Integer> aggregateInputs = new ArrayList<>();
    private final List<Finisher> outputs = new ArrayList<>();

    /** Plans the given output selectors; at least one of them has an aggregate. */
    AggregationPlan(List<SelectorNode> selectors) {
        for (SelectorNode s : selectors) outputs.add(plan(s));
    }

    /** The expressions the shards compute per row. */
    List<RowExpression> inputs() {
        return inputs;
    }

    Aggregation start() {
        Aggregator[] aggregators = new Aggregator[aggregates.size()];
        for (int i = 0; i < aggregators.length; i++) aggregators[i] = aggregates.get(i).newAggregator();
        return new Aggregation(this, aggregators);
    }

    /** The input index the i-th aggregate reads, or -1 for count(*). */
    int aggregateInput(int aggregate) {
        return aggregateInputs.get(aggregate);
    }

    ByteBuffer[] finish(ByteBuffer[] aggregateResults, ByteBuffer[] firstRow) {
        ByteBuffer[] row = new ByteBuffer[outputs.size()];
        for (int i = 0; i < row.length; i++) row[i] = outputs.get(i).finish(aggregateResults, firstRow);
        return row;
    }

    private Finisher plan(SelectorNode node) {
        if (!node.hasAggregate()) return new FirstRow(input(node.perRow()));
        return switch (node) {
            case SelectorNode.Aggregate a -> {
                aggregates.add(a.function());
                aggregateInputs.add(a.argument() == null ? -1 : input(a.argument().perRow()));
                yield new AggregateResult(aggregates.size() - 1);
            }
            case SelectorNode.Call call -> {
                Finisher[] args = new Finisher[call.arguments().size()];
                for (int i = 0; i < args.length; i++) args[i] = plan(call.arguments().get(i));
                yield new Apply(call.function(), args);
            }
            case SelectorNode.PerRow ignored -> throw new IllegalStateException("a per-row selector has no aggregate");
        };
    }

    private int input(RowExpression expression) {
        inputs.add(expression);
        return inputs.size() - 1;
    }
}
