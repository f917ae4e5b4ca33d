package org.charybdis.storage.sstable;

import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.ClusteringSerializer;
import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What Statistics.db records about an SSTable's content, read at open and kept in memory.
 *
 * @param minClustering           smallest start bound over rows and range tombstones, null when there are none
 * @param maxClustering           largest end bound over rows and range tombstones, null when there are none
 * @param minLocalDeletionTime    over tombstones, expiring data and live data (live data counts as Long.MAX_VALUE)
 * @param commitLogUpperBound     the highest commitlog position whose data this SSTable holds
 * @param ancestors               generations this SSTable was compacted from (sorted)
 * @param partitionSizeHistogram  count of partitions per power-of-two size bucket (bucket i: sizes in [2^i, 2^(i+1)))
 */
public record SSTableStatistics(
        long minTimestamp, long maxTimestamp,
        long minLocalDeletionTime, long maxLocalDeletionTime,
        int minTtl, int maxTtl,
        ClusteringBound minClustering, ClusteringBound maxClustering,
        boolean hasStaticRows, boolean hasPartitionDeletions,
        long partitionCount, long rowCount, long cellCount,
        long cellTombstones, long rowTombstones, long rangeTombstones, long partitionTombstones, long complexDeletions,
        long commitLogUpperBound, long[] ancestors,
        DecoratedKey firstKey, DecoratedKey lastKey,
        long uncompressedLength,
        long[] partitionSizeHistogram,
        DeletionTimeHistogram deletionTimes) {

    public static final int SIZE_BUCKETS = 64;

    /** Every tombstone of every kind. */
    public long tombstoneCount() {
        return cellTombstones + rowTombstones + rangeTombstones + partitionTombstones + complexDeletions;
    }

    /** Estimated tombstones and expired cells purgeable at {@code gcBefore} (a second), from the histogram. */
    public long estimatedDroppableTombstones(long gcBefore) {
        return deletionTimes.countAtOrBefore(gcBefore);
    }

    /** Droppable tombstones over all stored cells and deletions, Cassandra's compaction trigger ratio. */
    public double estimatedDroppableTombstoneRatio(long gcBefore) {
        long total = cellCount + rowTombstones + rangeTombstones + partitionTombstones + complexDeletions;
        return total == 0 ? 0 : (double) estimatedDroppableTombstones(gcBefore) / total;
    }

    void writeTo(BufferWriter out) {
        out.writeLong(minTimestamp).writeLong(maxTimestamp);
        out.writeVLong(minLocalDeletionTime).writeVLong(maxLocalDeletionTime);
        out.writeUnsignedVInt(minTtl).writeUnsignedVInt(maxTtl);
        out.writeByte((minClustering != null ? 1 : 0) | (hasStaticRows ? 2 : 0) | (hasPartitionDeletions ? 4 : 0));
        if (minClustering != null) {
            ClusteringSerializer.writeBound(minClustering, out);
            ClusteringSerializer.writeBound(maxClustering, out);
        }
        out.writeUnsignedVLong(partitionCount).writeUnsignedVLong(rowCount).writeUnsignedVLong(cellCount);
        out.writeUnsignedVLong(cellTombstones).writeUnsignedVLong(rowTombstones).writeUnsignedVLong(rangeTombstones);
        out.writeUnsignedVLong(partitionTombstones).writeUnsignedVLong(complexDeletions);
        out.writeLong(commitLogUpperBound);
        out.writeUnsignedVInt(ancestors.length);
        for (long a : ancestors) out.writeUnsignedVLong(a);
        writeKey(firstKey, out);
        writeKey(lastKey, out);
        out.writeUnsignedVLong(uncompressedLength);
        int buckets = 0;
        for (long c : partitionSizeHistogram) if (c != 0) buckets++;
        out.writeUnsignedVInt(buckets);
        for (int i = 0; i < partitionSizeHistogram.length; i++) {
            if (partitionSizeHistogram[i] != 0) out.writeUnsignedVInt(i).writeUnsignedVLong(partitionSizeHistogram[i]);
        }
        deletionTimes.writeTo(out);
    }

    static SSTableStatistics read(BufferReader in) {
        long minTimestamp = in.readLong();
        long maxTimestamp = in.readLong();
        long minLdt = in.readVLong();
        long maxLdt = in.readVLong();
        int minTtl = in.readUnsignedVInt();
        int maxTtl = in.readUnsignedVInt();
        int flags = in.readByte();
        ClusteringBound min = null;
        ClusteringBound max = null;
        if ((flags & 1) != 0) {
            min = ClusteringSerializer.readBound(in);
            max = ClusteringSerializer.readBound(in);
            if (!min.isStart() || !max.isEnd()) throw new CorruptDataException("clustering bounds of the wrong kind");
        }
        long partitions = in.readUnsignedVLong();
        long rows = in.readUnsignedVLong();
        long cells = in.readUnsignedVLong();
        long cellTombstones = in.readUnsignedVLong();
        long rowTombstones = in.readUnsignedVLong();
        long rangeTombstones = in.readUnsignedVLong();
        long partitionTombstones = in.readUnsignedVLong();
        long complexDeletions = in.readUnsignedVLong();
        long commitLogUpperBound = in.readLong();
        int ancestorCount = in.readUnsignedVInt();
        if (ancestorCount > in.remaining()) throw new CorruptDataException("claims " + ancestorCount + " ancestors");
        long[] ancestors = new long[ancestorCount];
        for (int i = 0; i < ancestorCount; i++) ancestors[i] = in.readUnsignedVLong();
        DecoratedKey first = readKey(in);
        DecoratedKey last = readKey(in);
        long uncompressed = in.readUnsignedVLong();
        long[] sizes = new long[SIZE_BUCKETS];
        int buckets = in.readUnsignedVInt();
        for (int i = 0; i < buckets; i++) {
            int bucket = in.readUnsignedVInt();
            if (bucket >= SIZE_BUCKETS) throw new CorruptDataException("partition size bucket " + bucket);
            sizes[bucket] = in.readUnsignedVLong();
        }
        DeletionTimeHistogram deletionTimes = DeletionTimeHistogram.read(in);
        if (in.hasRemaining()) throw new CorruptDataException(in.remaining() + " unexpected bytes after the statistics");
        return new SSTableStatistics(minTimestamp, maxTimestamp, minLdt, maxLdt, minTtl, maxTtl, min, max,
                (flags & 2) != 0, (flags & 4) != 0, partitions, rows, cells, cellTombstones, rowTombstones, rangeTombstones,
                partitionTombstones, complexDeletions, commitLogUpperBound, ancestors, first, last, uncompressed, sizes, deletionTimes);
    }

    static void writeKey(DecoratedKey key, BufferWriter out) {
        out.writeLong(key.token());
        out.writeBytesWithLength(key.key());
    }

    /** A key copied out of the buffer (summaries and statistics outlive the bytes they were read from). */
    static DecoratedKey readKey(BufferReader in) {
        long token = in.readLong();
        ByteBuffer view = in.readBytesWithLength();
        return new DecoratedKey(token, ByteBuffer.allocate(view.remaining()).put(view).flip());
    }

    @Override
    public String toString() {
        return "SSTableStatistics(partitions=" + partitionCount + " rows=" + rowCount + " timestamps=" + minTimestamp + ".."
                + maxTimestamp + " ancestors=" + Arrays.toString(ancestors) + ")";
    }
}
