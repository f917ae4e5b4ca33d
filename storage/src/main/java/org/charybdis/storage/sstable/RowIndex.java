package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A large partition's row index, read as far as a query needs it: blocks by number, in clustering order, found by
 * binary search. Since format version 2 the index ends with the offset of every entry and the block count
 * ({@link RowIndexWriter}), so a read decodes only the entries its searches and its rows touch, through the chunk
 * cache, whatever the partition's size. A version 1 index has no offsets: it is decoded whole when opened.
 * Shard-owned, like its reader.
 */
abstract class RowIndex {
    /** Number of blocks. */
    abstract int count();

    /** Blocks [from, to), in clustering order. */
    abstract CompletableFuture<RowIndexBlock[]> blocks(int from, int to);

    /**
     * The first block in [from, to) that passes the test, which blocks fail and then pass along the index (a bound's
     * position); {@code to} when none does.
     */
    final CompletableFuture<Integer> first(int from, int to, Predicate<RowIndexBlock> test) {
        if (from >= to) return CompletableFuture.completedFuture(from);
        int middle = (from + to) >>> 1;
        return blocks(middle, middle + 1).thenCompose(b -> test.test(b[0]) ? first(from, middle, test) : first(middle + 1, to, test));
    }

    /** The row index of the partition at {@code entry}, which must have one. */
    static CompletableFuture<RowIndex> open(SSTableReader reader, IndexEntry entry, IoClass ioClass) {
        long start = entry.dataPosition() + entry.rowIndexStart();
        long end = entry.dataPosition() + entry.partitionLength();
        if (reader.dataVersion() == 1) {
            return reader.chunks().read(start, end, ioClass, true).thenApply(bytes -> decoded(reader, entry, () ->
                    new Decoded(RowIndexBlock.readVersion1(new BufferReader(ByteBuffer.wrap(bytes)), reader.context().comparator().size()))));
        }
        if (end - start < Integer.BYTES) return CompletableFuture.failedFuture(corruption(reader, entry, "no room for the block count", null));
        return reader.chunks().read(end - Integer.BYTES, end, ioClass, true).thenApply(bytes -> {
            int count = ByteBuffer.wrap(bytes).getInt();
            long entriesLength = end - start - Integer.BYTES - (long) Integer.BYTES * count;
            if (count < 1 || entriesLength < count)
                throw corruption(reader, entry, "claims " + Integer.toUnsignedString(count) + " blocks in " + (end - start) + " bytes", null);
            return new OnDisk(reader, entry, ioClass, start, entriesLength, count);
        });
    }

    private interface Decoding<T> {
        T decode();
    }

    private static <T> T decoded(SSTableReader reader, IndexEntry entry, Decoding<T> decoding) {
        try {
            return decoding.decode();
        } catch (CorruptDataException e) {
            throw e instanceof CorruptSSTableException c ? c : corruption(reader, entry, e.getMessage(), e);
        }
    }

    private static CorruptSSTableException corruption(SSTableReader reader, IndexEntry entry, String problem, Throwable cause) {
        return reader.dataCorruption(entry.dataPosition(), "row index: " + problem, cause);
    }

    /** A version 1 index, decoded whole. */
    private static final class Decoded extends RowIndex {
        private final RowIndexBlock[] blocks;

        Decoded(RowIndexBlock[] blocks) {
            this.blocks = blocks;
        }

        @Override
        int count() { return blocks.length; }

        @Override
        CompletableFuture<RowIndexBlock[]> blocks(int from, int to) {
            return CompletableFuture.completedFuture(Arrays.copyOfRange(blocks, from, to));
        }
    }

    /** A version 2 index, left on disk: each read takes the entries' offsets, then the entries. */
    private static final class OnDisk extends RowIndex {
        private final SSTableReader reader;
        private final IndexEntry entry;
        private final IoClass ioClass;
        /** Where the index starts in Data.db's uncompressed stream. */
        private final long start;
        /** Bytes of entries; the offsets follow them. */
        private final long entriesLength;
        private final int count;

        OnDisk(SSTableReader reader, IndexEntry entry, IoClass ioClass, long start, long entriesLength, int count) {
            this.reader = reader;
            this.entry = entry;
            this.ioClass = ioClass;
            this.start = start;
            this.entriesLength = entriesLength;
            this.count = count;
        }

        @Override
        int count() { return count; }

        @Override
        CompletableFuture<RowIndexBlock[]> blocks(int from, int to) {
            if (from < 0 || to > count || from >= to) throw new IllegalArgumentException("blocks [" + from + ", " + to + ") of " + count);
            long offsetsAt = start + entriesLength + (long) Integer.BYTES * from;
            int offsetCount = Math.min(to + 1, count) - from; // the one after the last ends its entry
            return reader.chunks().read(offsetsAt, offsetsAt + (long) Integer.BYTES * offsetCount, ioClass, true).thenCompose(bytes -> {
                ByteBuffer offsets = ByteBuffer.wrap(bytes);
                long first = Integer.toUnsignedLong(offsets.getInt(0));
                long end = to < count ? Integer.toUnsignedLong(offsets.getInt(Integer.BYTES * (to - from))) : entriesLength;
                if (first > end || end > entriesLength)
                    throw corruption(reader, entry, "entries " + from + " to " + to + " at [" + first + ", " + end + ") outside its " + entriesLength + " bytes", null);
                return reader.chunks().read(start + first, start + end, ioClass, true)
                        .thenApply(entries -> decoded(reader, entry, () -> decode(entries, offsets, from, to, first)));
            });
        }

        private RowIndexBlock[] decode(byte[] entries, ByteBuffer offsets, int from, int to, long base) {
            BufferReader in = new BufferReader(ByteBuffer.wrap(entries));
            RowIndexBlock[] blocks = new RowIndexBlock[to - from];
            for (int i = 0; i < blocks.length; i++) {
                long at = Integer.toUnsignedLong(offsets.getInt(Integer.BYTES * i)) - base;
                if (at != in.position()) throw new CorruptDataException("entry " + (from + i) + " at " + (at + base) + ", the previous one ends at " + (in.position() + base));
                blocks[i] = RowIndexBlock.read(in, reader.context().comparator().size());
            }
            if (in.hasRemaining()) throw new CorruptDataException(in.remaining() + " bytes after entry " + (to - 1));
            return blocks;
        }
    }
}
