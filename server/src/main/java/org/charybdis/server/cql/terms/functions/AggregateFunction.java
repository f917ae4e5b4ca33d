package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CqlType;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/** A native aggregate ({@code count}, {@code min}, {@code max}, {@code sum}, {@code avg}) of one signature. */
public record AggregateFunction(String name, List<CqlType> argTypes, CqlType returnType, Supplier<Aggregator> aggregators)
        implements NativeFunction {

    /** Folds the values of one query's rows; one per execution, used by a single thread. */
    public interface Aggregator {
        /** @param value the row's argument value (null when absent); ignored by count(*) */
        void add(ByteBuffer value);

        ByteBuffer result();
    }

    public AggregateFunction {
        argTypes = List.copyOf(argTypes);
    }

    public Aggregator newAggregator() {
        return aggregators.get();
    }
}
