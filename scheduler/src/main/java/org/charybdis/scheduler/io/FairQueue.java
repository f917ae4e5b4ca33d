package org.charybdis.scheduler.io;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One shard's waiting requests, a FIFO per {@link IoClass}, picked by virtual-time fair queueing on cost: each
 * class's virtual time grows by a dispatched request's cost divided by the class's shares, and the backlogged
 * class with the smallest virtual time goes next. Under contention classes so get disk time in proportion to
 * their shares; a class alone gets everything. A class that runs dry keeps only what it is ahead of the others
 * (its lag), never credit for its idle time.
 * <p>
 * Owned by whichever thread holds the IO queue's dispatcher role; only the shares may be set from any thread.
 */
final class FairQueue {
    /** charge = cost * VTIME_SCALE / shares: fine-grained even for floor-cost requests of high-share classes. */
    static final long VTIME_SCALE = 1_000_000;
    static final int MIN_SHARES = 1;
    static final int MAX_SHARES = 1_000_000;

    private static final IoClass[] CLASSES = IoClass.values();

    private final ArrayDeque<IoRequest<?>>[] queues;
    private final AtomicIntegerArray shares = new AtomicIntegerArray(CLASSES.length);
    /** Virtual time of backlogged classes; compared by subtraction, so it may wrap. */
    private final long[] vtime = new long[CLASSES.length];
    /** How far ahead of the virtual clock an idle class was when it ran dry (>= 0). */
    private final long[] lag = new long[CLASSES.length];
    private long virtualClock;
    private int size;

    @SuppressWarnings("unchecked")
    FairQueue() {
        queues = new ArrayDeque[CLASSES.length];
        for (IoClass ioClass : CLASSES) {
            queues[ioClass.ordinal()] = new ArrayDeque<>();
            shares.set(ioClass.ordinal(), ioClass.defaultShares());
        }
    }

    /** Any thread; takes effect from the next dispatch. */
    void setShares(IoClass ioClass, int newShares) {
        if (newShares < MIN_SHARES || newShares > MAX_SHARES) {
            throw new IllegalArgumentException("shares of " + ioClass.label() + " must be in [" + MIN_SHARES + ", "
                    + MAX_SHARES + "]: " + newShares);
        }
        shares.set(ioClass.ordinal(), newShares);
    }

    int shares(IoClass ioClass) { return shares.get(ioClass.ordinal()); }

    void add(IoRequest<?> request) {
        int c = request.ioClass().ordinal();
        ArrayDeque<IoRequest<?>> queue = queues[c];
        if (queue.isEmpty()) vtime[c] = virtualClock + lag[c]; // becoming backlogged: resume from the clock
        queue.addLast(request);
        size++;
    }

    /** The class to serve next (the backlogged one with the smallest virtual time), or null if none waits. */
    IoClass next() {
        int best = -1;
        for (int c = 0; c < queues.length; c++) {
            if (!queues[c].isEmpty() && (best < 0 || vtime[c] - vtime[best] < 0)) best = c;
        }
        if (best < 0) return null;
        if (vtime[best] - virtualClock > 0) virtualClock = vtime[best];
        return CLASSES[best];
    }

    /** The oldest waiting request of a class, or null. */
    IoRequest<?> head(IoClass ioClass) { return queues[ioClass.ordinal()].peekFirst(); }

    /** Removes the oldest request of a class and charges the class its cost. */
    IoRequest<?> removeHead(IoClass ioClass) {
        int c = ioClass.ordinal();
        IoRequest<?> request = queues[c].pollFirst();
        if (request == null) return null;
        size--;
        long cost = Math.min(request.cost(), IoCapacity.MAX_COST_NANOS); // bounded, so cost * scale fits a long
        vtime[c] += Math.max(1, cost * VTIME_SCALE / shares.get(c));
        if (queues[c].isEmpty()) lag[c] = Math.max(0, vtime[c] - virtualClock);
        return request;
    }

    /** Removes the oldest request of a class without charging it (its caller gave up on it). */
    void dropHead(IoClass ioClass) {
        int c = ioClass.ordinal();
        if (queues[c].pollFirst() == null) return;
        size--;
        if (queues[c].isEmpty()) lag[c] = Math.max(0, vtime[c] - virtualClock);
    }

    /** Removes and returns any waiting request (oldest class first), or null; for failing them all at shutdown. */
    IoRequest<?> removeAny() {
        for (ArrayDeque<IoRequest<?>> queue : queues) {
            IoRequest<?> request = queue.pollFirst();
            if (request != null) {
                size--;
                return request;
            }
        }
        return null;
    }

    int size() { return size; }
}
