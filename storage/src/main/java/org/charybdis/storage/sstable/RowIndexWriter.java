package org.charybdis.storage.sstable;

import org.charybdis.storage.serialization.BufferWriter;

import java.util.Arrays;

/**
 * Builds one partition's row index as its blocks close, in the form {@link RowIndex} searches on disk (format
 * version 2): the entries, then each entry's offset from the index's start as an {@code int}, then the block count as
 * an {@code int}. Holds the entries' bytes only, not decoded blocks. Reused from partition to partition.
 */
final class RowIndexWriter {
    private final BufferWriter entries = new BufferWriter(1024);
    private int[] offsets = new int[16];
    private int count;

    void add(RowIndexBlock block) {
        if (count == offsets.length) offsets = Arrays.copyOf(offsets, count * 2);
        offsets[count++] = entries.position();
        block.writeTo(entries);
    }

    /** Blocks added since the last {@link #clear()}. */
    int count() { return count; }

    void writeTo(BufferWriter out) {
        out.writeBytes(entries.array(), 0, entries.position());
        for (int i = 0; i < count; i++) out.writeInt(offsets[i]);
        out.writeInt(count);
    }

    void clear() {
        entries.clear();
        count = 0;
    }
}
