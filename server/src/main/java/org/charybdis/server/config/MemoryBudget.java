package org.charybdis.server.config;

import org.charybdis.storage.lsm.LsmConfig;

/**
 * Where the process's memory goes. {@code memory} is the whole process's memory, as ScyllaDB's {@code --memory}
 * is: the JVM's own overhead and the direct buffers are set aside first, and what is left is shared between the
 * memtables ({@code memtable_total_space} of it) and the Java heap (the rest). The heap holds the memtables'
 * indexes, the chunk cache (a quarter of the heap) and the requests in flight (a tenth of the heap unless
 * {@code native_transport_max_request_data_in_flight} says). The launcher sizes the JVM from it
 * ({@code charybdis jvm-options}) and the server its budgets, so the two agree.
 *
 * <p>Memtables charge their native slabs and their on-heap index to one budget, so their native memory never
 * exceeds {@link #memtables()}; with the heap capped at {@link #heap()}, the process stays within {@code memory}
 * plus what the JVM spends beyond {@link #JVM_OVERHEAD} (see docs/benchmarks.md, "Issue 11, memory").
 * Below about 1 GiB the heap's floor wins and the process takes more than {@code memory}.
 *
 * @param memory        the configured {@code memory}, in bytes
 * @param jvmOverhead   set aside for the JVM itself: metaspace, code cache, GC structures, thread stacks
 * @param directBuffers set aside for direct buffers: Netty's network buffers, commitlog and SSTable IO buffers
 * @param memtables     the memtables' budget over all shards (native slabs and on-heap index together)
 * @param heap          the Java heap's maximum
 * @param chunkCache    the chunk cache's budget over all shards, on the heap
 */
public record MemoryBudget(long memory, long jvmOverhead, long directBuffers, long memtables, long heap, long chunkCache) {
    /** The JVM's memory outside the heap and the direct buffers, as measured idle and under load (about 130-160 MiB). */
    public static final long JVM_OVERHEAD = 160L << 20;
    /** Direct buffers: Netty's pooled network buffers and the IO buffers of commitlog and SSTable writers. */
    public static final long DIRECT_BUFFERS = 64L << 20;
    /** The smallest heap the server runs well in: its schema, metadata and per-request garbage need about this. */
    public static final long HEAP_FLOOR = 256L << 20;
    private static final long MIB = 1L << 20;
    /** ZGC sizes its heap in 2 MiB granules: a multiple of it is the heap the JVM really gets. */
    private static final long HEAP_GRANULE = 2 * MIB;
    private static final int CHUNK_CACHE_SHARE_DIVISOR = 4;
    private static final int REQUESTS_IN_FLIGHT_SHARE_DIVISOR = 10;

    public MemoryBudget {
        if (memory <= 0 || memtables <= 0 || heap <= 0 || chunkCache < 0) throw new IllegalArgumentException("negative or empty budget: " + this);
    }

    /** The budget of the configured {@code memory}, {@code memtable_total_space} and {@code smp}. */
    public static MemoryBudget of(ServerConfig config) {
        return of(config.get(ServerConfig.MEMORY), config.get(ServerConfig.MEMTABLE_TOTAL_SPACE), config.get(ServerConfig.SMP));
    }

    /**
     * The split of {@code memory}: the overheads first (at most half of it), then {@code memtableShare} of the rest
     * for the memtables (at least the engine's minimum per shard) and the remainder for the heap (at least
     * {@link #HEAP_FLOOR}).
     */
    public static MemoryBudget of(long memory, double memtableShare, int shards) {
        long usable = Math.max(memory - JVM_OVERHEAD - DIRECT_BUFFERS, memory / 2);
        long memtables = Math.max((long) (usable * memtableShare) & -MIB, shards * LsmConfig.MIN_MEMTABLE_BYTES);
        long heap = Math.max(HEAP_FLOOR, usable - memtables) & -HEAP_GRANULE;
        return new MemoryBudget(memory, JVM_OVERHEAD, DIRECT_BUFFERS, memtables, heap, heap / CHUNK_CACHE_SHARE_DIVISOR);
    }

    /** The most direct memory the JVM may hold: the memtables' slabs and the direct buffers, with as much again of
     *  the buffers as a margin, so that a budget overrun fails an allocation rather than growing the process. */
    public long maxDirectMemory() {
        return memtables + 2 * directBuffers;
    }

    /** Bytes of requests the node runs at once when native_transport_max_request_data_in_flight is 0: they live on the heap. */
    public long requestsInFlight() {
        return heap / REQUESTS_IN_FLIGHT_SHARE_DIVISOR;
    }
}
