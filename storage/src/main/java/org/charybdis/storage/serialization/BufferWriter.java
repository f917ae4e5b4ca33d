package org.charybdis.storage.serialization;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * A growable heap buffer that storage formats are written into: fixed-width big-endian numbers, unsigned
 * variable-length integers (7 bits per byte, high bit set on all but the last byte) and length-prefixed
 * byte strings. Reusable: {@link #clear()} keeps the array.
 */
public final class BufferWriter {
    private byte[] bytes;
    private int position;

    public BufferWriter(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public BufferWriter() {
        this(256);
    }

    public int position() { return position; }

    public void clear() { position = 0; }

    public BufferWriter writeByte(int b) {
        ensure(1);
        bytes[position++] = (byte) b;
        return this;
    }

    public BufferWriter writeInt(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) bytes[position++] = (byte) (v >>> shift);
        return this;
    }

    public BufferWriter writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) bytes[position++] = (byte) (v >>> shift);
        return this;
    }

    /** An unsigned varint: 1 byte below 128, at most 10 bytes. */
    public BufferWriter writeUnsignedVLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            bytes[position++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[position++] = (byte) v;
        return this;
    }

    public BufferWriter writeUnsignedVInt(int v) {
        if (v < 0) throw new IllegalArgumentException("negative length or count: " + v);
        return writeUnsignedVLong(v);
    }

    /** A signed varint, zig-zag encoded so small negative numbers stay short. */
    public BufferWriter writeVLong(long v) {
        return writeUnsignedVLong((v << 1) ^ (v >> 63));
    }

    /** The buffer's remaining bytes, prefixed by their length; the buffer's position is unchanged. */
    public BufferWriter writeBytesWithLength(ByteBuffer value) {
        writeUnsignedVInt(value.remaining());
        return writeBytes(value);
    }

    /** The buffer's remaining bytes; the buffer's position is unchanged. */
    public BufferWriter writeBytes(ByteBuffer value) {
        int length = value.remaining();
        ensure(length);
        value.get(value.position(), bytes, position, length);
        position += length;
        return this;
    }

    public BufferWriter writeBytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, position, length);
        position += length;
        return this;
    }

    public BufferWriter writeUuid(UUID uuid) {
        return writeLong(uuid.getMostSignificantBits()).writeLong(uuid.getLeastSignificantBits());
    }

    /** Overwrites 4 bytes written earlier (a length or checksum patched in after the fact). */
    public void putInt(int at, int v) {
        if (at < 0 || at + 4 > position) throw new IndexOutOfBoundsException(at);
        for (int i = 0; i < 4; i++) bytes[at + i] = (byte) (v >>> (24 - 8 * i));
    }

    /** The underlying array; valid up to {@link #position()} until the next write. */
    public byte[] array() { return bytes; }

    /** A view of the written bytes; valid until the next write or clear. */
    public ByteBuffer view() { return ByteBuffer.wrap(bytes, 0, position); }

    /** A copy of the written bytes. */
    public ByteBuffer copy() { return ByteBuffer.wrap(Arrays.copyOf(bytes, position)); }

    /** Bytes a value takes as an unsigned varint. */
    public static int unsignedVLongSize(long v) {
        int size = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    private void ensure(int more) {
        if (position + more > bytes.length) {
            long wanted = Math.max((long) bytes.length * 2, (long) position + more);
            if (wanted > Integer.MAX_VALUE - 16) throw new IllegalStateException("buffer over 2 GiB");
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
