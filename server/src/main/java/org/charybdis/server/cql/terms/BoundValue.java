package org.charybdis.server.cql.terms;

import org.charybdis.server.cql.ExecutionContext;

import java.nio.ByteBuffer;

/**
 * A term resolved against its receiver's type, ready to produce serialized bytes for one execution:
 * {@code null} for NULL, {@code QueryOptions.UNSET} (by identity) for an unset bind value.
 */
@FunctionalInterface
public interface BoundValue {
    ByteBuffer bind(ExecutionContext context);

    /** A constant known at compile time (literals); lets callers validate and precompute early. */
    static BoundValue constant(ByteBuffer value) {
        return new Constant(value);
    }

    record Constant(ByteBuffer value) implements BoundValue {
        @Override
        public ByteBuffer bind(ExecutionContext context) {
            return value == null ? null : value.duplicate();
        }
    }
}
