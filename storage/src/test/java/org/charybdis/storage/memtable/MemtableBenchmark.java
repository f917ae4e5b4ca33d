package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.TableLayout;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A memtable holding every partition, as in issue 11's profiles: a write overwriting a random partition (the
 * lookup, the merge with the stored row, the append) and a point read of one (the lookup and the row's copy).
 * The table is cassandra-stress's standard1 with small values (a key of 10 hex digits, five 8-byte columns, no
 * clustering columns), so that the index's share shows and native memory stays small. The memtable is filled
 * anew at each iteration. Only the memtable's public API is used, so the same file measures an older build.
 * <pre>tools/scripts/storage-jmh.sh MemtableBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseZGC", "--enable-native-access=ALL-UNNAMED"})
public class MemtableBenchmark {
    private static final int COLUMNS = 5;
    private static final long NOW = 1_000_000;

    @Param({"100000", "1000000"})
    public int partitions;

    private final TableLayout layout = standard1();
    private final ByteBuffer value = ByteBuffer.wrap(new byte[8]);
    private DecoratedKey[] keys;
    private MemtableMemory memory;
    private Memtable memtable;
    private long position;
    private long random = 0x9E3779B97F4A7C15L;

    @Setup(Level.Trial)
    public void makeKeys() {
        keys = new DecoratedKey[partitions];
        for (int i = 0; i < partitions; i++) keys[i] = key(i);
    }

    @Setup(Level.Iteration)
    public void fill() {
        memory = new MemtableMemory(8L << 30);
        memtable = new Memtable(layout, memory);
        for (int i = 0; i < partitions; i++) memtable.apply(update(key(i)), position++);
    }

    @TearDown(Level.Iteration)
    public void discard() {
        memtable.discard();
    }

    @Benchmark
    public long apply() {
        return memtable.apply(update(keys[nextIndex()]), position++);
    }

    @Benchmark
    public Row read() {
        return memtable.partition(keys[nextIndex()]).rows(Slice.ALL, false).next();
    }

    private PartitionUpdate update(DecoratedKey key) {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(key);
        RowUpdate row = builder.row(Clustering.EMPTY);
        long timestamp = position;
        for (int column = 0; column < COLUMNS; column++) row.cell(column, value, timestamp, 0, NOW);
        return builder.build();
    }

    /** A uniform index without a shared generator's cost: xorshift. */
    private int nextIndex() {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        return (int) ((random >>> 1) % partitions);
    }

    /** Keys as the stress tool writes them, each in a buffer of its own like a request's. */
    private static DecoratedKey key(int index) {
        return DecoratedKey.of(ByteBuffer.wrap(String.format("%010X", index).getBytes(StandardCharsets.US_ASCII)));
    }

    private static TableLayout standard1() {
        List<ColumnLayout> columns = new ArrayList<>();
        for (int column = 0; column < COLUMNS; column++) columns.add(ColumnLayout.simple(column, false));
        return new TableLayout(UUID.randomUUID(), "keyspace1", "standard1", 1, ClusteringComparator.none(), columns, 864000, 0);
    }
}
