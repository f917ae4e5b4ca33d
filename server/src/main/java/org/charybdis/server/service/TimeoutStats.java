package org.charybdis.server.service;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, per kind of request, the requests answered with a timeout and the checkpoints where work past its deadline
 * was abandoned (a queued task dropped, a scan stopped); exported as metrics. Updated from every shard.
 */
public final class TimeoutStats {
    private final LongAdder[] timedOut = adders();
    private final LongAdder[] abandoned = adders();

    void countTimedOut(Deadline.Kind kind) {
        timedOut[kind.ordinal()].increment();
    }

    void countAbandoned(Deadline.Kind kind) {
        abandoned[kind.ordinal()].increment();
    }

    /** Requests of the kind answered with their timeout error since start. */
    public long timedOut(Deadline.Kind kindOf) {
        return timedOut[kindOf.ordinal()].sum();
    }

    /** Times work of the kind stopped at a checkpoint because its deadline had passed. */
    public long abandoned(Deadline.Kind kindOf) {
        return abandoned[kindOf.ordinal()].sum();
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[Deadline.Kind.values().length];
        for (int i = 0; i < adders.length; i++) adders[i] = new LongAdder();
        return adders;
    }
}
