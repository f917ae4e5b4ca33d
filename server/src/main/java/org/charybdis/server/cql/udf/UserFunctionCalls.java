package org.charybdis.server.cql.udf;

import org.charybdis.cql.exceptions.FunctionFailureException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserTypeResolver;
import org.charybdis.scheduler.Shard;
import org.charybdis.server.cql.terms.functions.AggregateFunction;
import org.charybdis.server.cql.terms.functions.ScalarFunction;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.UserAggregate;
import org.charybdis.server.schema.UserFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * User-defined functions and aggregates as the callable functions selections and terms use: each definition
 * is compiled once (shared by every shard, kept while the definition is unchanged), each call runs on the
 * calling shard within the fail timeout, and a body's exception fails the query with FUNCTION_FAILURE.
 */
public final class UserFunctionCalls {
    private static final Logger LOG = LoggerFactory.getLogger(UserFunctionCalls.class);
    private static final Map<JavaUdfCompiler.Key, UdfBody> COMPILED = new ConcurrentHashMap<>();
    /** Where bodies compile: a virtual thread each, so that compilation never runs on (nor waits for) a shard. */
    private static final Executor COMPILER = task -> Thread.ofVirtual().name("udf-compile").start(task);

    private UserFunctionCalls() {}

    /** Compiles {@code function} now unless already compiled (CREATE FUNCTION), so that a body that does not compile is refused. */
    public static void compile(UserFunction function) {
        body(function);
    }

    /**
     * Compiles {@code function} on a compiler thread, never a shard's; completes on the calling shard, failing with
     * the compiler's error when the body does not compile. The result is kept for {@link #compile}.
     */
    public static CompletableFuture<Void> compileOffShard(UserFunction function) {
        return Shard.offload(COMPILER, () -> {
            body(function);
            return null;
        });
    }

    /**
     * Compiles the functions of a schema loaded at start-up on a compiler thread, so that their first calls
     * do not compile on a shard. A body that no longer compiles is logged, and its calls fail with the reason.
     */
    public static void compileInBackground(Schema schema) {
        List<UserFunction> functions = new ArrayList<>();
        for (KeyspaceMetadata ks : schema.keyspaces().values()) functions.addAll(ks.functions().functions().values());
        if (functions.isEmpty()) return;
        COMPILER.execute(() -> {
            for (UserFunction function : functions) {
                try {
                    compile(function);
                } catch (RuntimeException e) {
                    LOG.warn("User-defined function {} does not compile: {}", function.description(), e.getMessage());
                }
            }
        });
    }

    /** Lets go of the compiled body of a dropped definition (statements compiled with it keep theirs). */
    public static void forget(UserFunction function) {
        COMPILED.remove(JavaUdfCompiler.Key.of(function));
    }

    /** Lets go of the body of a replaced definition, unless the replacement compiled to the same (a re-run script). */
    public static void replaced(UserFunction existing, UserFunction replacement) {
        if (!JavaUdfCompiler.Key.of(existing).equals(JavaUdfCompiler.Key.of(replacement))) forget(existing);
    }

    /** @param keyspaceTypes the user types {@code udfContext.newUDTValue} and {@code newTupleValue} may name */
    public static ScalarFunction scalar(UserFunction function, UdfSettings settings, UserTypeResolver keyspaceTypes) {
        UdfBody body = body(function);
        FunctionContext context = new FunctionContext(function, keyspaceTypes);
        return new ScalarFunction(function.keyspace() + "." + function.name(), function.argumentTypes(), function.returnType(),
                false, function.calledOnNullInput(), arguments -> {
            Object[] java = new Object[arguments.length];
            for (int i = 0; i < arguments.length; i++) java[i] = toJava(function.argumentTypes().get(i), arguments[i]);
            return serialize(function.returnType(), call(function, body, context, java, settings));
        });
    }

    /** @param finalFunction null when the aggregate has none */
    public static AggregateFunction aggregate(UserAggregate aggregate, UserFunction stateFunction, UserFunction finalFunction,
                                              UdfSettings settings, UserTypeResolver keyspaceTypes) {
        UdfBody state = body(stateFunction);
        FunctionContext stateContext = new FunctionContext(stateFunction, keyspaceTypes);
        UdfBody last = finalFunction == null ? null : body(finalFunction);
        FunctionContext lastContext = finalFunction == null ? null : new FunctionContext(finalFunction, keyspaceTypes);
        List<CqlType> types = aggregate.argumentTypes();
        TupleType packed = types.size() > 1 ? TupleType.of(types) : null;
        return new AggregateFunction(aggregate.keyspace() + "." + aggregate.name(), types, aggregate.returnType(),
                () -> new AggregateFunction.Aggregator() {
                    private Object current = toJava(aggregate.stateType(), aggregate.initialCondition());

                    /** @param value the row's argument: absent without arguments, a tuple of them when there are several */
                    @Override
                    public void add(ByteBuffer value) {
                        Object[] arguments = new Object[types.size() + 1];
                        arguments[0] = current;
                        if (packed != null && value != null) {
                            List<Object> values = packed.deserialize(value).values();
                            for (int i = 0; i < values.size(); i++) arguments[i + 1] = UdfJavaTypes.toJava(types.get(i), values.get(i));
                        } else if (types.size() == 1) {
                            arguments[1] = toJava(types.get(0), value);
                        }
                        if (!stateFunction.calledOnNullInput() && Arrays.asList(arguments).contains(null)) return;
                        current = call(stateFunction, state, stateContext, arguments, settings);
                    }

                    @Override
                    public ByteBuffer result() {
                        if (last == null) return serialize(aggregate.stateType(), current);
                        if (current == null && !finalFunction.calledOnNullInput()) return null;
                        return serialize(finalFunction.returnType(), call(finalFunction, last, lastContext, new Object[] {current}, settings));
                    }
                });
    }

    private static UdfBody body(UserFunction function) {
        return COMPILED.computeIfAbsent(JavaUdfCompiler.Key.of(function), key -> JavaUdfCompiler.compile(function));
    }

    private static Object call(UserFunction function, UdfBody body, FunctionContext context, Object[] arguments, UdfSettings settings) {
        try {
            return UdfLimits.run(body, context, arguments, settings.failTimeoutNanos(), settings.failAllocationBytes());
        } catch (UdfLimits.Expired e) {
            throw failure(function, "User defined function " + function.description() + " ran longer than " + settings.failTimeoutMillis() + "ms");
        } catch (UdfLimits.OverAllocated e) {
            throw failure(function, "User defined function " + function.description() + " allocated more than "
                    + settings.failAllocationKilobytes() + "kB");
        } catch (VirtualMachineError e) {
            if (e instanceof StackOverflowError) throw failure(function, e.toString());
            throw e;
        } catch (Throwable t) {
            throw failure(function, t.toString());
        }
    }

    private static FunctionFailureException failure(UserFunction function, String message) {
        List<String> types = new ArrayList<>();
        for (CqlType type : function.argumentTypes()) types.add(type.cqlName());
        return new FunctionFailureException(message, function.keyspace(), function.name(), types);
    }

    private static Object toJava(CqlType type, ByteBuffer value) {
        if (value == null) return null;
        return UdfJavaTypes.toJava(type, type.deserialize(value));
    }

    private static ByteBuffer serialize(CqlType type, Object value) {
        return value == null ? null : type.serialize(UdfJavaTypes.fromJava(type, value));
    }
}
