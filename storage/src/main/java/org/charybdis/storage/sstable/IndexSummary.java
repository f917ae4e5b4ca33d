package org.charybdis.storage.sstable;

import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.CorruptDataException;

import java.util.Arrays;

/**
 * Every {@link #INTERVAL}th Index.db entry's key and offset (Summary.db), kept in memory: a lookup binary
 * searches it and reads one span of at most INTERVAL entries, so the heap holds 1/128th of the keys.
 */
final class IndexSummary {
    static final int INTERVAL = 128;

    private final DecoratedKey[] keys;
    private final long[] offsets;
    private final long entriesEnd;

    IndexSummary(DecoratedKey[] keys, long[] offsets, long entriesEnd) {
        this.keys = keys;
        this.offsets = offsets;
        this.entriesEnd = entriesEnd;
    }

    int size() { return keys.length; }

    /** The last sample at or before the key, or -1 when the key sorts before every entry. */
    int floor(DecoratedKey key) {
        int at = Arrays.binarySearch(keys, key);
        return at >= 0 ? at : -at - 2;
    }

    long spanStart(int sample) { return offsets[sample]; }

    long spanEnd(int sample) { return sample + 1 < offsets.length ? offsets[sample + 1] : entriesEnd; }

    /** Where Index.db's entries end and its footer starts. */
    long entriesEnd() { return entriesEnd; }

    long memorySize() {
        long size = 8L * offsets.length + 64;
        for (DecoratedKey k : keys) size += k.key().remaining() + 48;
        return size;
    }

    void writeTo(BufferWriter out) {
        out.writeUnsignedVInt(INTERVAL);
        out.writeUnsignedVLong(entriesEnd);
        out.writeUnsignedVInt(keys.length);
        for (int i = 0; i < keys.length; i++) {
            SSTableStatistics.writeKey(keys[i], out);
            out.writeUnsignedVLong(offsets[i]);
        }
    }

    static IndexSummary read(BufferReader in) {
        int interval = in.readUnsignedVInt();
        if (interval < 1) throw new CorruptDataException("summary interval " + interval);
        long entriesEnd = in.readUnsignedVLong();
        int count = in.readUnsignedVInt();
        if (count > in.remaining()) throw new CorruptDataException("summary claims " + count + " samples");
        DecoratedKey[] keys = new DecoratedKey[count];
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = SSTableStatistics.readKey(in);
            offsets[i] = in.readUnsignedVLong();
            if (i > 0 && (keys[i].compareTo(keys[i - 1]) <= 0 || offsets[i] <= offsets[i - 1]))
                throw new CorruptDataException("summary samples out of order at " + i);
        }
        if (count > 0 && offsets[count - 1] >= entriesEnd) throw new CorruptDataException("summary offset past the index entries");
        if (in.hasRemaining()) throw new CorruptDataException(in.remaining() + " bytes after the summary");
        return new IndexSummary(keys, offsets, entriesEnd);
    }
}
