package org.charybdis.server.cql.udf;

import org.charybdis.server.cql.udf.context.UDFContext;

import java.lang.management.ManagementFactory;

/**
 * The limits of the user-defined function call running on this thread: its deadline and how many bytes it may
 * allocate. There is no SecurityManager to stop a runaway function, so {@link UdfBytecodeVerifier} puts a call to
 * {@link #check()} before every backward jump and at the start of every method of a UDF: a loop or a recursion
 * cannot run past its deadline, nor keep allocating past its allowance, without passing through it. Once past,
 * every check throws again, so a body that catches the error cannot loop on. One allocation larger than the
 * allowance is only caught at the next check (the JVM does not ask before allocating).
 */
public final class UdfLimits {
    private static final ThreadLocal<Call> CURRENT = ThreadLocal.withInitial(Call::new);
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private UdfLimits() {}

    /** Thrown into a UDF past one of its limits; an Error so that {@code catch (Exception e)} in a body lets it through. */
    public abstract static sealed class Exceeded extends Error permits Expired, OverAllocated {
        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    public static final class Expired extends Exceeded {
        Expired() {
            super("user-defined function ran out of time");
        }
    }

    public static final class OverAllocated extends Exceeded {
        OverAllocated() {
            super("user-defined function allocated too much");
        }
    }

    /** Called by the instrumented UDF code. */
    public static void check() {
        Call call = CURRENT.get();
        if (System.nanoTime() - call.deadlineNanos > 0) throw new Expired();
        if (call.allocationLimit != Long.MAX_VALUE && THREADS.getCurrentThreadAllocatedBytes() > call.allocationLimit) {
            throw new OverAllocated();
        }
    }

    /**
     * Runs {@code body} with {@code arguments} allowing it {@code timeoutNanos} and {@code maxAllocatedBytes} (0: no
     * allocation limit); throws {@link Exceeded} when it went past one.
     */
    static Object run(UdfBody body, UDFContext context, Object[] arguments, long timeoutNanos, long maxAllocatedBytes) {
        Call call = CURRENT.get();
        long outerDeadline = call.deadlineNanos;
        long outerLimit = call.allocationLimit;
        call.deadlineNanos = System.nanoTime() + timeoutNanos;
        call.allocationLimit = allocationLimit(maxAllocatedBytes);
        try {
            return body.execute(context, arguments);
        } finally {
            call.deadlineNanos = outerDeadline;
            call.allocationLimit = outerLimit;
        }
    }

    /** The thread's allocation counter value past which the call has allocated too much; MAX_VALUE when not measured. */
    private static long allocationLimit(long maxAllocatedBytes) {
        if (maxAllocatedBytes <= 0 || THREADS == null) return Long.MAX_VALUE;
        long allocated = THREADS.getCurrentThreadAllocatedBytes(); // -1 where the JVM does not count (virtual threads)
        return allocated < 0 ? Long.MAX_VALUE : allocated + maxAllocatedBytes;
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null;
    }

    /** The limits of the call in progress on one thread (none outside a call). */
    private static final class Call {
        long deadlineNanos = Long.MAX_VALUE;
        long allocationLimit = Long.MAX_VALUE;
    }
}
