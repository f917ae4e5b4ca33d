package org.charybdis.storage.memtable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The native memory of one memtable: serialized rows appended to slabs taken from one {@link Arena}, which
 * {@link #close()} frees at once. Rows are never freed one by one (an overwritten row's bytes stay until the
 * memtable goes), so appending is a bump of a position. A row larger than an eighth of a slab gets a segment
 * of its own, so big values neither waste slab tails nor need slabs of their size.
 * <p>
 * An address is {@code segmentIndex << 32 | offset}; each row starts with its big-endian body length, as
 * {@code RowSerializer} writes it. The arena is shared so that a misuse from another thread fails with an
 * exception instead of reading freed memory; every access after {@link #close()} throws.
 */
final class NativeRowStore {
    private static final ValueLayout.OfInt ROW_LENGTH = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long ALIGNMENT = 8;

    private final MemtableMemory memory;
    private final int slabSize;
    private Arena arena; // created on the first append: empty memtables hold no native memory
    private MemorySegment[] segments = new MemorySegment[8];
    private int segmentCount;
    private int slabIndex = -1; // the segment small rows are appended to, -1 before the first
    private int slabPosition;
    private long allocatedBytes;
    private long appendedBytes;
    private boolean closed;

    NativeRowStore(MemtableMemory memory) {
        this.memory = memory;
        this.slabSize = memory.slabSize();
    }

    /** Copies a serialized row (the first {@code length} bytes of {@code bytes}) into native memory; returns its address. */
    long append(byte[] bytes, int length) {
        checkOpen();
        long address;
        if (length > slabSize / 8) {
            address = addSegment(length);
        } else {
            if (slabIndex < 0 || slabSize - slabPosition < length) {
                address = addSegment(slabSize);
                slabIndex = (int) (address >>> 32);
                slabPosition = 0;
            } else {
                address = (long) slabIndex << 32 | slabPosition;
            }
            slabPosition += length;
        }
        MemorySegment.copy(bytes, 0, segmentOf(address), ValueLayout.JAVA_BYTE, offsetOf(address), length);
        appendedBytes += length;
        return address;
    }

    /** Bytes of the row at the address, length field included. */
    int length(long address) {
        checkOpen();
        return 4 + segmentOf(address).get(ROW_LENGTH, offsetOf(address));
    }

    /** An on-heap copy of the row at the address: what reads hand out must not point into native memory. */
    ByteBuffer copy(long address) {
        int length = length(address);
        byte[] bytes = new byte[length];
        MemorySegment.copy(segmentOf(address), ValueLayout.JAVA_BYTE, offsetOf(address), bytes, 0, length);
        return ByteBuffer.wrap(bytes);
    }

    /** A view of the row in native memory, for merging it into a new version; it must not escape the memtable. */
    ByteBuffer view(long address) {
        int length = length(address);
        return segmentOf(address).asSlice(offsetOf(address), length).asByteBuffer();
    }

    /** Native bytes taken from the system (whole slabs), what the memtable really costs. */
    long allocatedBytes() { return allocatedBytes; }

    /** Bytes of rows appended, overwritten versions included. */
    long appendedBytes() { return appendedBytes; }

    boolean isClosed() { return closed; }

    /** Frees all native memory; every later access throws. */
    void close() {
        if (closed) return;
        closed = true;
        if (arena != null) arena.close();
        arena = null;
        segments = null;
        memory.release(allocatedBytes);
        allocatedBytes = 0;
    }

    private long addSegment(long size) {
        if (arena == null) arena = Arena.ofShared();
        long rounded = (size + ALIGNMENT - 1) & -ALIGNMENT;
        MemorySegment segment = arena.allocate(rounded, ALIGNMENT);
        if (segmentCount == segments.length) segments = Arrays.copyOf(segments, segmentCount * 2);
        segments[segmentCount] = segment;
        allocatedBytes += rounded;
        memory.charge(rounded);
        return (long) segmentCount++ << 32;
    }

    private MemorySegment segmentOf(long address) {
        int index = (int) (address >>> 32);
        if (index >= segmentCount) throw new IllegalArgumentException("no memtable segment " + index);
        return segments[index];
    }

    private static long offsetOf(long address) {
        return address & 0xFFFF_FFFFL;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("memtable already discarded: its memory is freed");
    }
}
