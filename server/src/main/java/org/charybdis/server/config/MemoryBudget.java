package org.charybdis.server.config;

import org.charybdis.storage.lsm.LsmConfig;

/**
 * Where the process's memory goes. {@code memory} is the whole process's memory, as ScyllaDB's {@code --memory}
 * is. The JVM's own overhead and the direct buffers are set aside first; of what is left (usable):
 * <ul>
 * <li>the memtables' pool is 60%: {@code memtable_total_space} (0.5) of it is the memtables' budget, which their
 *     native slabs and their on-heap index share, and the rest is heap kept for that index, so that memtables of
 *     small rows, whose index outweighs their data, fit the heap as well as large rows fit their native slabs;</li>
 * <li>the other 40% is heap: the chunk cache (an eighth of usable), the requests in flight (a twentieth, unless
 *     {@code native_transport_max_request_data_in_flight} says), and the rest for everything else the server
 *     keeps on the heap (schema, SSTable metadata, connections) and the collector's headroom.</li>
 * </ul>
 * Memtables charge their slabs and their index to one budget, so their native memory never exceeds
 * {@link #memtables()}; with the heap capped at {@link #heap()}, the process stays within {@code memory} plus what
 * the JVM spends beyond {@link #JVM_OVERHEAD} (docs/benchmarks.md, "Issue 11, memory"). The launcher sizes the JVM
 * from this ({@code charybdis jvm-options}) and the server its budgets, so the two agree. Below about 1 GiB the
 * heap's floor wins and the process takes more than {@code memory}.
 *
 * @param memory        the configured {@code memory}, in bytes
 * @param jvmOverhead   set aside for the JVM itself: metaspace, code cache, GC structures, thread stacks
 * @param directBuffers set aside for direct buffers: Netty's network buffers, commitlog and SSTable IO buffers
 * @param memtables     the memtables' budget over all shards (native slabs and on-heap index together)
 * @param heap          the Java heap's maximum
 * @param chunkCache    the chunk cache's budget over all shards, on the heap
 * @param requestsInFlight bytes of requests the node runs at once when native_transport_max_request_data_in_flight
 *                      is 0 (the default); decoded requests live on the heap
 */
public record MemoryBudget(long memory, long jvmOverhead, long directBuffers, long memtables, long heap, long chunkCache,
                           long requestsInFlight) {
    /** The JVM's memory outside the heap and the direct buffers, as measured idle and under load (about 130-160 MiB). */
    public static final long JVM_OVERHEAD = 160L << 20;
    /** Direct buffers: Netty's pooled network buffers and the IO buffers of commitlog and SSTable writers. */
    public static final long DIRECT_BUFFERS = 64L << 20;
    /** The smallest heap the server runs well in: its schema, metadata and per-request garbage need about this. */
    public static final long HEAP_FLOOR = 256L << 20;
    private static final double MEMTABLE_POOL_SHARE = 0.6;
    private static final int CHUNK_CACHE_DIVISOR = 8;
    private static final int REQUESTS_IN_FLIGHT_DIVISOR = 20;
    private static final long MIB = 1L << 20;
    /** ZGC sizes its heap in 2 MiB granules: a multiple of it is the heap the JVM really gets. */
    private static final long HEAP_GRANULE = 2 * MIB;

    public MemoryBudget {
        if (memory <= 0 || memtables <= 0 || heap <= 0 || chunkCache < 0 || requestsInFlight <= 0) {
            throw new IllegalArgumentException("negative or empty budget: memory " + memory + ", memtables " + memtables
                    + ", heap " + heap + ", chunk cache " + chunkCache + ", requests in flight " + requestsInFlight);
        }
    }

    /** The budget of the configured {@code memory}, {@code memtable_total_space} and {@code smp}. */
    public static MemoryBudget of(ServerConfig config) {
        return of(config.get(ServerConfig.MEMORY), config.get(ServerConfig.MEMTABLE_TOTAL_SPACE), config.get(ServerConfig.SMP));
    }

    /**
     * The split of {@code memory} (see the class comment). The overheads take at most half of it; the memtables get
     * at least the engine's minimum per shard and the heap at least {@link #HEAP_FLOOR}.
     */
    public static MemoryBudget of(long memory, double memtableShare, int shards) {
        long usable = Math.max(memory - JVM_OVERHEAD - DIRECT_BUFFERS, memory / 2);
        long memtables = Math.max((long) (usable * MEMTABLE_POOL_SHARE * memtableShare) & -MIB, shards * LsmConfig.MIN_MEMTABLE_BYTES);
        long heap = Math.max(HEAP_FLOOR, usable - memtables) & -HEAP_GRANULE;
        return new MemoryBudget(memory, JVM_OVERHEAD, DIRECT_BUFFERS, memtables, heap, usable / CHUNK_CACHE_DIVISOR,
                usable / REQUESTS_IN_FLIGHT_DIVISOR);
    }

    /** The most direct memory the JVM may hold: the memtables' slabs and the direct buffers, with as much again of
     *  the buffers as a margin, so that a budget overrun fails an allocation rather than growing the process. */
    public long maxDirectMemory() {
        return memtables + 2 * directBuffers;
    }
}
