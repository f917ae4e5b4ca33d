package org.charybdis.storage.memtable;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.dht.DecoratedKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * The memtable's partition index alone: the {@link PartitionIndex} B+tree against the {@link ConcurrentSkipListMap}
 * it replaced, in one run. {@code lookup} finds a random partition among {@code partitions}; {@code build} inserts
 * them all into an empty index, in the stress tool's key order (a random token order).
 * <pre>tools/scripts/storage-jmh.sh PartitionIndexBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseZGC"})
public class PartitionIndexBenchmark {
    @Param({"100000", "1000000"})
    public int partitions;

    @Param({"skiplist", "btree"})
    public String index;

    private MemtablePartition[] stored;
    private DecoratedKey[] probes;
    private Index filled;
    private long random = 0x9E3779B97F4A7C15L;

    /** The two structures behind one call, so that each fork (one of them) sees a single receiver type. */
    private interface Index {
        MemtablePartition get(DecoratedKey key);

        void add(MemtablePartition partition);
    }

    @Setup(Level.Trial)
    public void fill() {
        stored = new MemtablePartition[partitions];
        probes = new DecoratedKey[partitions];
        for (int i = 0; i < partitions; i++) {
            stored[i] = MemtablePartition.create(key(i), ClusteringComparator.none());
            probes[i] = key(i);
        }
        filled = build();
    }

    @Benchmark
    public MemtablePartition lookup() {
        return filled.get(probes[nextIndex()]);
    }

    /** One build per iteration, in milliseconds: divide by {@code partitions} for an insert. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public Index build() {
        Index empty = newIndex();
        for (MemtablePartition partition : stored) empty.add(partition);
        return empty;
    }

    private Index newIndex() {
        if (index.equals("skiplist")) {
            ConcurrentSkipListMap<DecoratedKey, MemtablePartition> map = new ConcurrentSkipListMap<>();
            return new Index() {
                @Override
                public MemtablePartition get(DecoratedKey key) { return map.get(key); }

                @Override
                public void add(MemtablePartition partition) { map.put(partition.decoratedKey(), partition); }
            };
        }
        PartitionIndex tree = new PartitionIndex();
        return new Index() {
            @Override
            public MemtablePartition get(DecoratedKey key) { return tree.get(key); }

            @Override
            public void add(MemtablePartition partition) { tree.add(partition); }
        };
    }

    private int nextIndex() {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        return (int) ((random >>> 1) % partitions);
    }

    private static DecoratedKey key(int index) {
        return DecoratedKey.of(ByteBuffer.wrap(String.format("%010X", index).getBytes(StandardCharsets.US_ASCII)));
    }
}
