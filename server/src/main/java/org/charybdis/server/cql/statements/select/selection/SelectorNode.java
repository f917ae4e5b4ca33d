package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.server.cql.terms.functions.AggregateFunction;
import org.charybdis.server.cql.terms.functions.ScalarFunction;

import java.nio.ByteBuffer;
import java.util.List;

/** A compiled selector: a per-row value, a scalar function over selectors, or an aggregate over a per-row selector. */
sealed interface SelectorNode {

    /** Whether an aggregate occurs anywhere in this selector. */
    boolean hasAggregate();

    /** This selector as a per-row computation; only for selectors without aggregates. */
    RowExpression perRow();

    record PerRow(RowExpression expression) implements SelectorNode {
        @Override
        public boolean hasAggregate() {
            return false;
        }

        @Override
        public RowExpression perRow() {
            return expression;
        }
    }

    record Call(ScalarFunction function, List<SelectorNode> arguments) implements SelectorNode {
        @Override
        public boolean hasAggregate() {
            for (SelectorNode a : arguments) {
                if (a.hasAggregate()) return true;
            }
            return false;
        }

        @Override
        public RowExpression perRow() {
            RowExpression[] args = new RowExpression[arguments.size()];
            for (int i = 0; i < args.length; i++) args[i] = arguments.get(i).perRow();
            return row -> function.execute(evaluate(args, row));
        }

        private static ByteBuffer[] evaluate(RowExpression[] args, SelectedRow row) {
            ByteBuffer[] values = new ByteBuffer[args.length];
            for (int i = 0; i < args.length; i++) values[i] = args[i].evaluate(row);
            return values;
        }
    }

    /** @param argument null for count(*) */
    record Aggregate(AggregateFunction function, SelectorNode argument) implements SelectorNode {
        @Override
        public boolean hasAggregate() {
            return true;
        }

        @Override
        public RowExpression perRow() {
            throw new IllegalStateException("an aggregate has no per-row value");
        }
    }
}
