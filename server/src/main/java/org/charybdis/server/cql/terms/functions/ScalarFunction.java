package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CqlType;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A native function computing one value from its arguments' serialized values. It answers null when
 * an argument is null (or an empty value of a type where empty means no value), as Cassandra's do.
 *
 * @param deterministic     false for functions such as {@code now()} that must run at every execution
 * @param calledOnNullInput true for functions such as {@code toJson()} that have an answer for null arguments
 */
public record ScalarFunction(String name, List<CqlType> argTypes, CqlType returnType, boolean deterministic, boolean calledOnNullInput,
                             Body body) implements NativeFunction {

    /** The computation, given non-null arguments (any arguments when {@code calledOnNullInput}). */
    @FunctionalInterface
    public interface Body {
        ByteBuffer apply(ByteBuffer[] arguments);
    }

    public ScalarFunction {
        argTypes = List.copyOf(argTypes);
    }

    /** A function that answers null for null arguments. */
    public ScalarFunction(String name, List<CqlType> argTypes, CqlType returnType, boolean deterministic, Body body) {
        this(name, argTypes, returnType, deterministic, false, body);
    }

    public static ScalarFunction of(String name, CqlType returnType, List<CqlType> argTypes, Body body) {
        return new ScalarFunction(name, argTypes, returnType, true, body);
    }

    public ByteBuffer execute(ByteBuffer[] arguments) {
        if (calledOnNullInput) return body.apply(arguments);
        for (int i = 0; i < arguments.length; i++) {
            ByteBuffer a = arguments[i];
            if (a == null || (!a.hasRemaining() && argTypes.get(i).deserialize(a) == null)) return null;
        }
        return body.apply(arguments);
    }
}
