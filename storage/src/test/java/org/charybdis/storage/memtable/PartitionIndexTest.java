package org.charybdis.storage.memtable;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.dht.DecoratedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The partition index (and the B+tree under it) against a {@link TreeMap} holding the same keys. */
class PartitionIndexTest {
    private final SplittableRandom random = new SplittableRandom(11);
    private final TreeMap<DecoratedKey, MemtablePartition> oracle = new TreeMap<>();

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 7, BPlusTree.DEFAULT_MAX_NODE_SIZE})
    void findsWhatWasInsertedAndNothingElse(int nodeSize) {
        PartitionIndex index = new PartitionIndex(nodeSize);
        for (int i = 0; i < 5_000; i++) {
            DecoratedKey key = randomKey(1_000); // few tokens: many keys share one
            MemtablePartition found = index.get(key);
            assertThat(found).isSameAs(oracle.get(key));
            if (found == null) add(index, key);
        }
        assertThat(index.size()).isEqualTo(oracle.size());
        for (int i = 0; i < 2_000; i++) {
            DecoratedKey probe = randomKey(1_000);
            assertThat(index.get(probe)).isSameAs(oracle.get(probe));
        }
        assertThat(keys(index.from(null))).isEqualTo(List.copyOf(oracle.keySet()));
    }

    @Test
    void keysSharingATokenAreOrderedByTheirUnsignedBytes() {
        PartitionIndex index = new PartitionIndex(3);
        DecoratedKey high = new DecoratedKey(7, bytes(0x80));
        DecoratedKey low = new DecoratedKey(7, bytes(0x01));
        DecoratedKey longer = new DecoratedKey(7, bytes(0x01, 0x00));
        DecoratedKey empty = new DecoratedKey(7, bytes());
        for (DecoratedKey key : List.of(high, longer, new DecoratedKey(8, bytes()), low, new DecoratedKey(6, bytes(0xff)), empty)) {
            add(index, key);
        }
        assertThat(keys(index.from(null))).isEqualTo(List.copyOf(oracle.keySet()));
        assertThat(keys(index.from(DecoratedKey.minimumFor(7)))).startsWith(empty, low, longer, high);
        assertThat(index.get(new DecoratedKey(7, bytes(0x01)))).isSameAs(oracle.get(low));
        assertThat(index.get(new DecoratedKey(7, bytes(0x02)))).isNull();
        assertThat(index.get(new DecoratedKey(7, ByteBuffer.wrap(new byte[]{9, 0x01, 9}, 1, 1)))).isSameAs(oracle.get(low));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, BPlusTree.DEFAULT_MAX_NODE_SIZE})
    void iteratesFromAnyPosition(int nodeSize) {
        PartitionIndex index = new PartitionIndex(nodeSize);
        for (int i = 0; i < 3_000; i++) {
            DecoratedKey key = randomKey(100_000);
            if (!oracle.containsKey(key)) add(index, key);
        }
        for (int i = 0; i < 300; i++) {
            DecoratedKey from = i % 3 == 0 ? oracle.keySet().stream().skip(random.nextInt(oracle.size())).findFirst().orElseThrow()
                    : i % 3 == 1 ? DecoratedKey.minimumFor(random.nextLong(-2_000, 102_000)) : randomKey(100_000);
            assertThat(keys(index.from(from))).isEqualTo(List.copyOf(oracle.tailMap(from, true).keySet()));
        }
        assertThat(keys(index.from(DecoratedKey.minimumFor(Long.MAX_VALUE)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6, BPlusTree.DEFAULT_MAX_NODE_SIZE})
    void cursorsSurviveInsertsBeforeAndAfterTheirPosition(int nodeSize) {
        PartitionIndex index = new PartitionIndex(nodeSize);
        for (int i = 0; i < 2_000; i++) {
            DecoratedKey key = randomKey(50_000);
            if (!oracle.containsKey(key)) add(index, key);
        }
        for (int round = 0; round < 20; round++) {
            DecoratedKey from = randomKey(50_000);
            Set<DecoratedKey> expected = new HashSet<>(oracle.tailMap(from, true).keySet()); // all there at the start
            PartitionIndex.Cursor cursor = index.from(from);
            List<DecoratedKey> seen = new ArrayList<>();
            while (cursor.advance()) {
                DecoratedKey key = PartitionIndex.partitionAt(cursor).decoratedKey();
                assertThat(cursor.currentLong()).isEqualTo(key.token());
                seen.add(key);
                for (int i = random.nextInt(3); i > 0 && seen.size() < 500; i--) { // behind the cursor, ahead, in its leaf
                    DecoratedKey added = randomKey(50_000);
                    if (oracle.containsKey(added)) continue;
                    add(index, added);
                    if (added.compareTo(key) > 0) expected.add(added);
                }
            }
            Set<DecoratedKey> seenOnce = new HashSet<>(seen);
            assertThat(seen).isSorted().hasSameSizeAs(seenOnce).allMatch(oracle::containsKey);
            assertThat(expected.stream().filter(k -> !seenOnce.contains(k)).toList()).isEmpty();
            assertThat(seen.getFirst()).isGreaterThanOrEqualTo(from);
        }
        assertThat(keys(index.from(null))).isEqualTo(List.copyOf(oracle.keySet()));
    }

    @Test
    void growsSeveralLevelsAndCountsItsNodes() {
        PartitionIndex small = new PartitionIndex(4);
        PartitionIndex usual = new PartitionIndex();
        long previous = usual.heapBytes();
        for (int i = 0; i < 100_000; i++) {
            DecoratedKey key = randomKey(Long.MAX_VALUE);
            if (oracle.containsKey(key)) continue;
            MemtablePartition partition = add(small, key);
            usual.add(partition);
            if (usual.heapBytes() < previous) throw new AssertionError("the heap estimate went down at " + i);
            previous = usual.heapBytes();
        }
        assertThat(small.size()).isEqualTo(oracle.size());
        assertThat(keys(small.from(null))).isEqualTo(List.copyOf(oracle.keySet()));
        assertThat(keys(usual.from(null))).isEqualTo(List.copyOf(oracle.keySet()));
        for (DecoratedKey key : oracle.keySet()) if (usual.get(key) != oracle.get(key)) throw new AssertionError("lost " + key);
        // 16 bytes an entry in leaves at least half full, plus inner nodes and node headers
        assertThat(usual.heapBytes()).isBetween(12L * oracle.size(), 30L * oracle.size());
    }

    @Test
    void ascendingInsertsFillTheirLeaves() {
        PartitionIndex index = new PartitionIndex();
        for (int i = 0; i < 100_000; i++) add(index, new DecoratedKey(i, bytes()));
        assertThat(index.heapBytes()).isLessThan(20L * 100_000);
        assertThat(keys(index.from(null))).isEqualTo(List.copyOf(oracle.keySet()));
    }

    @Test
    void clearedIndexIsEmpty() {
        PartitionIndex index = new PartitionIndex(3);
        for (int i = 0; i < 100; i++) add(index, new DecoratedKey(i, bytes()));
        PartitionIndex.Cursor cursor = index.from(null);
        assertThat(cursor.advance()).isTrue();
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(cursor.advance()).isFalse();
        assertThat(index.get(new DecoratedKey(5, bytes()))).isNull();
    }

    private MemtablePartition add(PartitionIndex index, DecoratedKey key) {
        MemtablePartition partition = MemtablePartition.create(key, ClusteringComparator.none());
        index.add(partition);
        oracle.put(key, partition);
        return partition;
    }

    private DecoratedKey randomKey(long tokens) {
        byte[] bytes = new byte[random.nextInt(4)];
        random.nextBytes(bytes);
        long token = tokens == Long.MAX_VALUE ? random.nextLong() : random.nextLong(tokens);
        return new DecoratedKey(token, ByteBuffer.wrap(bytes));
    }

    private static List<DecoratedKey> keys(PartitionIndex.Cursor cursor) {
        List<DecoratedKey> keys = new ArrayList<>();
        while (cursor.advance()) keys.add(PartitionIndex.partitionAt(cursor).decoratedKey());
        return keys;
    }

    private static ByteBuffer bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) bytes[i] = (byte) values[i];
        return ByteBuffer.wrap(bytes);
    }
}
