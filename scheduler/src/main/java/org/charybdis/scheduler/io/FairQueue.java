package org.charybdis.scheduler.io;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One shard's waiting requests, a FIFO per {@link IoClass}, picked by virtual-time fair queueing on cost: each
 * class's virtual time grows by a dispatched request's cost divided by the class's shares, and the backlogged
 * class with the smallest virtual time goes next. Under contention classes so get disk time in proportion to
 * their shares; a class alone gets everything. A class that runs dry keeps only what it is ahead of the others
 * (its lag), never credit for its idle time.
 * <p>
 * Owned by whichever thread holds the IO queue's dispatcher role; only classes and shares may be added or set
 * from any thread (rarely: they are copied on write, so the dispatcher reads them without a lock).
 */
final class FairQueue {
    /** charge = cost * VTIME_SCALE / shares: fine-grained even for floor-cost requests of high-share classes. */
    static final long VTIME_SCALE = 1_000_000;
    static final int MIN_SHARES = 1;
    static final int MAX_SHARES = 1_000_000;

    /** Registered classes and their shares, by class id (null where no class is registered). */
    private record Registry(IoClass[] classes, int[] shares) {}

    private final Object registryLock = new Object();
    private volatile Registry registry = new Registry(new IoClass[0], new int[0]);

    // Dispatcher-owned, grown when a request of a newly registered class first arrives.
    private ArrayDeque<IoRequest<?>>[] queues = newQueues(0);
    /** Virtual time of backlogged classes; compared by subtraction, so it may wrap. */
    private long[] vtime = new long[0];
    /** How far ahead of the virtual clock an idle class was when it ran dry (>= 0). */
    private long[] lag = new long[0];
    private long virtualClock;
    private int size;

    FairQueue() {
        for (IoClass ioClass : IoClass.builtIn()) addClass(ioClass, ioClass.defaultShares());
    }

    /** Registers a class (idempotent); any thread. Requests of unregistered classes are refused by the IO queue. */
    void addClass(IoClass ioClass, int shares) {
        checkShares(ioClass, shares);
        synchronized (registryLock) {
            Registry current = registry;
            int id = ioClass.id();
            if (id < current.classes.length && current.classes[id] == ioClass) return;
            IoClass[] classes = Arrays.copyOf(current.classes, Math.max(current.classes.length, id + 1));
            int[] allShares = Arrays.copyOf(current.shares, classes.length);
            classes[id] = ioClass;
            allShares[id] = shares;
            registry = new Registry(classes, allShares);
        }
    }

    boolean knows(IoClass ioClass) {
        IoClass[] classes = registry.classes;
        return ioClass.id() < classes.length && classes[ioClass.id()] == ioClass;
    }

    /** Any thread; takes effect from the next dispatch. */
    void setShares(IoClass ioClass, int newShares) {
        checkShares(ioClass, newShares);
        synchronized (registryLock) {
            Registry current = registry;
            requireKnown(current, ioClass);
            int[] allShares = current.shares.clone();
            allShares[ioClass.id()] = newShares;
            registry = new Registry(current.classes, allShares);
        }
    }

    int shares(IoClass ioClass) {
        Registry current = registry;
        requireKnown(current, ioClass);
        return current.shares[ioClass.id()];
    }

    void add(IoRequest<?> request) {
        int c = request.ioClass().id();
        if (c >= queues.length) grow(c + 1);
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
        return queues[best].peekFirst().ioClass();
    }

    /** The oldest waiting request of a class, or null. */
    IoRequest<?> head(IoClass ioClass) {
        int c = ioClass.id();
        return c < queues.length ? queues[c].peekFirst() : null;
    }

    /** Removes the oldest request of a class and charges the class its cost. */
    IoRequest<?> removeHead(IoClass ioClass) {
        int c = ioClass.id();
        IoRequest<?> request = c < queues.length ? queues[c].pollFirst() : null;
        if (request == null) return null;
        size--;
        long cost = Math.min(request.cost(), IoCapacity.MAX_COST_NANOS); // bounded, so cost * scale fits a long
        vtime[c] += Math.max(1, cost * VTIME_SCALE / registry.shares[c]);
        if (queues[c].isEmpty()) lag[c] = Math.max(0, vtime[c] - virtualClock);
        return request;
    }

    /** Removes the oldest request of a class without charging it (its caller gave up on it). */
    void dropHead(IoClass ioClass) {
        int c = ioClass.id();
        if (c >= queues.length || queues[c].pollFirst() == null) return;
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

    private void grow(int length) {
        int old = queues.length;
        queues = Arrays.copyOf(queues, length);
        for (int c = old; c < length; c++) queues[c] = new ArrayDeque<>();
        vtime = Arrays.copyOf(vtime, length);
        lag = Arrays.copyOf(lag, length);
    }

    private static void requireKnown(Registry current, IoClass ioClass) {
        int id = ioClass.id();
        if (id >= current.classes.length || current.classes[id] != ioClass) {
            throw new IllegalArgumentException("unknown IO class " + ioClass);
        }
    }

    private static void checkShares(IoClass ioClass, int shares) {
        if (shares < MIN_SHARES || shares > MAX_SHARES) {
            throw new IllegalArgumentException("shares of " + ioClass.label() + " must be in [" + MIN_SHARES + ", "
                    + MAX_SHARES + "]: " + shares);
        }
    }

    @SuppressWarnings("unchecked")
    private static ArrayDeque<IoRequest<?>>[] newQueues(int length) {
        return new ArrayDeque[length];
    }
}
