package org.charybdis.storage.memtable;

/**
 * One shard's memtable memory: the budget its memtables share and what they hold right now, native slabs
 * and the estimated on-heap index together. Owned by the shard thread, like the memtables charging it, so
 * it takes no locks; the engine reads {@link #isOverBudget()} after writes to decide when to flush.
 */
public final class MemtableMemory {
    /** {@link #used} is written with opaque stores (plain cost) so that metrics may read it from other threads. */
    private static final java.lang.invoke.VarHandle USED;

    static {
        try {
            USED = java.lang.invoke.MethodHandles.lookup().findVarHandle(MemtableMemory.class, "used", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Native memory is taken in slabs of this size unless configured otherwise. */
    public static final int DEFAULT_SLAB_SIZE = 1 << 20;
    private static final int MIN_SLAB_SIZE = 4096;

    private final int slabSize;
    private long budget;
    private long used;
    private int memtables;

    public MemtableMemory(long budgetBytes) {
        this(budgetBytes, DEFAULT_SLAB_SIZE);
    }

    public MemtableMemory(long budgetBytes, int slabSize) {
        if (slabSize < MIN_SLAB_SIZE) throw new IllegalArgumentException("slab size below " + MIN_SLAB_SIZE + " bytes: " + slabSize);
        this.slabSize = slabSize;
        budget(budgetBytes);
    }

    /** Bytes the shard's memtables may hold before the engine should flush. */
    public long budget() { return budget; }

    /** Changes the budget (configuration reload); memory already held stays until its memtables are discarded. */
    public void budget(long budgetBytes) {
        if (budgetBytes <= 0) throw new IllegalArgumentException("memtable budget must be positive: " + budgetBytes);
        budget = budgetBytes;
    }

    /** Bytes held by every memtable of the shard not yet discarded: native slabs and on-heap index estimate. */
    public long used() { return used; }

    /** {@link #used()} read from any thread (metrics): a recent value, never a torn one. */
    public long usedFromAnyThread() { return (long) USED.getOpaque(this); }

    /** Budget left, negative when over it. */
    public long available() { return budget - used; }

    public boolean isOverBudget() { return used > budget; }

    /** Memtables created against this memory and not yet discarded. */
    public int memtableCount() { return memtables; }

    public int slabSize() { return slabSize; }

    void memtableCreated() { memtables++; }

    void memtableDiscarded(long releasedBytes) {
        memtables--;
        release(releasedBytes);
    }

    void charge(long bytes) { USED.setOpaque(this, used + bytes); }

    void release(long bytes) {
        USED.setOpaque(this, used - bytes);
        if (used < 0) throw new IllegalStateException("memtable memory released more than it was charged: " + used);
    }
}
