package org.charybdis.storage.serialization;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Reads what {@link BufferWriter} wrote from a ByteBuffer (heap or direct), tracking its own position.
 * Malformed input (a length past the end, an overlong varint) raises {@link CorruptDataException}, never an
 * unchecked buffer exception, so callers can name the damaged file.
 */
public final class BufferReader {
    private final ByteBuffer buffer;
    private int position;
    private final int limit;

    public BufferReader(ByteBuffer buffer) {
        this.buffer = buffer;
        this.position = buffer.position();
        this.limit = buffer.limit();
    }

    public int position() { return position; }

    public void position(int newPosition) {
        if (newPosition < 0 || newPosition > limit) throw new CorruptDataException("position " + newPosition + " outside 0.." + limit);
        position = newPosition;
    }

    public int remaining() { return limit - position; }

    public boolean hasRemaining() { return position < limit; }

    public int readByte() {
        need(1);
        return buffer.get(position++) & 0xFF;
    }

    public int readInt() {
        need(4);
        int v = buffer.getInt(position);
        position += 4;
        return v;
    }

    public long readLong() {
        need(8);
        long v = buffer.getLong(position);
        position += 8;
        return v;
    }

    public long readUnsignedVLong() {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new CorruptDataException("varint longer than 10 bytes at " + (position - 10));
    }

    /** A length or count: must fit a non-negative int. */
    public int readUnsignedVInt() {
        long v = readUnsignedVLong();
        if (v < 0 || v > Integer.MAX_VALUE) throw new CorruptDataException("count or length out of range: " + v);
        return (int) v;
    }

    public long readVLong() {
        long raw = readUnsignedVLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A length-prefixed byte string, as a read-only view of the underlying buffer (no copy). */
    public ByteBuffer readBytesWithLength() {
        return readBytes(readUnsignedVInt());
    }

    /** The next {@code length} bytes as a view of the underlying buffer (no copy). */
    public ByteBuffer readBytes(int length) {
        need(length);
        ByteBuffer slice = buffer.slice(position, length).asReadOnlyBuffer();
        position += length;
        return slice;
    }

    /** Skips a length-prefixed byte string. */
    public void skipBytesWithLength() {
        skip(readUnsignedVInt());
    }

    public void skip(int length) {
        need(length);
        position += length;
    }

    public UUID readUuid() {
        return new UUID(readLong(), readLong());
    }

    private void need(int bytes) {
        if (bytes < 0 || limit - position < bytes)
            throw new CorruptDataException("needs " + bytes + " bytes at offset " + position + ", only " + (limit - position) + " left");
    }
}
