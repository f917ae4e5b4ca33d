package org.charybdis.server.cql.udf;

import org.charybdis.server.cql.udf.context.UDFContext;

/**
 * The time limit of the user-defined function running on this thread. There is no SecurityManager to stop a
 * runaway function, so {@link UdfBytecodeVerifier} puts a call to {@link #check()} before every backward jump
 * and at the start of every method of a UDF: a loop or a recursion cannot run past its deadline without
 * passing through it. Once past, every check throws again, so a body that catches the error cannot loop on.
 */
public final class UdfDeadline {
    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[] {Long.MAX_VALUE});

    private UdfDeadline() {}

    /** Thrown into a UDF that ran out of time; an Error so that {@code catch (Exception e)} in a body lets it through. */
    public static final class Expired extends Error {
        Expired() {
            super("user-defined function ran out of time", null, false, false);
        }
    }

    /** Called by the instrumented UDF code. */
    public static void check() {
        if (System.nanoTime() - DEADLINE.get()[0] > 0) throw new Expired();
    }

    /** Runs {@code body} with {@code arguments} allowing it {@code timeoutNanos}; throws {@link Expired} when it ran too long. */
    static Object run(UdfBody body, UDFContext context, Object[] arguments, long timeoutNanos) {
        long[] deadline = DEADLINE.get();
        long outer = deadline[0];
        deadline[0] = System.nanoTime() + timeoutNanos;
        try {
            return body.execute(context, arguments);
        } finally {
            deadline[0] = outer;
        }
    }
}
