package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * The body notations of the spec (section 3): [string], [long string], [bytes], [value], maps,
 * [inet], ... Every read checks what is left in the buffer and reports bad input as a
 * {@link ProtocolException}, never as an index or decoding error. Writes reject values the notation
 * cannot hold (a [string] over 65535 bytes) with IllegalArgumentException: that is a server bug.
 */
public final class WireFormat {
    private static final int MAX_SHORT = 0xFFFF;

    private WireFormat() {}

    // ---- primitives ----

    public static int readUnsignedByte(ByteBuf in, String what) {
        require(in, 1, what);
        return in.readUnsignedByte();
    }

    public static int readUnsignedShort(ByteBuf in, String what) {
        require(in, 2, what);
        return in.readUnsignedShort();
    }

    public static int readInt(ByteBuf in, String what) {
        require(in, 4, what);
        return in.readInt();
    }

    public static long readLong(ByteBuf in, String what) {
        require(in, 8, what);
        return in.readLong();
    }

    /** A count that must leave room for at least {@code minBytesEach} per element. */
    static int readCount(ByteBuf in, int count, int minBytesEach, String what) {
        if (count < 0) {
            throw new ProtocolException("Negative " + what + " count " + count);
        }
        if ((long) count * minBytesEach > in.readableBytes()) {
            throw new ProtocolException("Truncated message: " + count + " " + what + " announced, only "
                    + in.readableBytes() + " bytes left");
        }
        return count;
    }

    // ---- strings ----

    public static String readString(ByteBuf in) {
        return readUtf8(in, readUnsignedShort(in, "string length"));
    }

    public static String readLongString(ByteBuf in) {
        int length = readInt(in, "long string length");
        if (length < 0) {
            throw new ProtocolException("Negative long string length " + length);
        }
        return readUtf8(in, length);
    }

    public static void writeString(ByteBuf out, String value) {
        int length = ByteBufUtil.utf8Bytes(value);
        if (length > MAX_SHORT) {
            throw new IllegalArgumentException("[string] longer than 65535 bytes: " + length);
        }
        out.writeShort(length);
        ByteBufUtil.writeUtf8(out, value);
    }

    public static void writeLongString(ByteBuf out, String value) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.writeUtf8(out, value);
        out.setInt(lengthIndex, written);
    }

    public static List<String> readStringList(ByteBuf in) {
        int n = readCount(in, readUnsignedShort(in, "string list size"), 2, "string list element");
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString(in));
        }
        return list;
    }

    public static void writeStringList(ByteBuf out, List<String> values) {
        writeShortCount(out, values.size(), "string list");
        for (String value : values) {
            writeString(out, value);
        }
    }

    public static Map<String, String> readStringMap(ByteBuf in) {
        int n = readCount(in, readUnsignedShort(in, "string map size"), 4, "string map entry");
        Map<String, String> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    public static void writeStringMap(ByteBuf out, Map<String, String> map) {
        writeShortCount(out, map.size(), "string map");
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    public static Map<String, List<String>> readStringMultimap(ByteBuf in) {
        int n = readCount(in, readUnsignedShort(in, "string multimap size"), 4, "string multimap entry");
        Map<String, List<String>> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readStringList(in));
        }
        return map;
    }

    public static void writeStringMultimap(ByteBuf out, Map<String, List<String>> map) {
        writeShortCount(out, map.size(), "string multimap");
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeStringList(out, e.getValue());
        }
    }

    // ---- bytes ----

    /** [bytes]: null for a negative length. The content is copied (it outlives the frame). */
    public static ByteBuffer readBytes(ByteBuf in) {
        int length = readInt(in, "bytes length");
        return length < 0 ? null : copy(in, length);
    }

    /** [bytes] as an array; null for a negative length. */
    public static byte[] readByteArray(ByteBuf in) {
        int length = readInt(in, "bytes length");
        if (length < 0) {
            return null;
        }
        require(in, length, "bytes");
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /** [value]: null for -1, {@link QueryOptions#UNSET} for -2 (v4+). */
    public static ByteBuffer readValue(ByteBuf in, ProtocolVersion version) {
        int length = readInt(in, "value length");
        if (length >= 0) {
            return copy(in, length);
        }
        if (length == -1) {
            return null;
        }
        if (length == -2 && version.isAtLeast(ProtocolVersion.V4)) {
            return QueryOptions.UNSET;
        }
        throw new ProtocolException("Invalid value length " + length + " (protocol v" + version.code() + ")");
    }

    public static byte[] readShortBytes(ByteBuf in) {
        int length = readUnsignedShort(in, "short bytes length");
        require(in, length, "short bytes");
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /** [bytes] or [value]: null writes -1, {@link QueryOptions#UNSET} writes -2. */
    public static void writeValue(ByteBuf out, ByteBuffer value) {
        if (value == null) {
            out.writeInt(-1);
        } else if (value == QueryOptions.UNSET) {
            out.writeInt(-2);
        } else {
            out.writeInt(value.remaining());
            if (value.hasArray()) {
                out.writeBytes(value.array(), value.arrayOffset() + value.position(), value.remaining());
            } else {
                out.writeBytes(value.duplicate());
            }
        }
    }

    public static void writeByteArray(ByteBuf out, byte[] value) {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.writeBytes(value);
        }
    }

    public static void writeShortBytes(ByteBuf out, byte[] value) {
        if (value.length > MAX_SHORT) {
            throw new IllegalArgumentException("[short bytes] longer than 65535 bytes: " + value.length);
        }
        out.writeShort(value.length);
        out.writeBytes(value);
    }

    public static Map<String, ByteBuffer> readBytesMap(ByteBuf in) {
        int n = readCount(in, readUnsignedShort(in, "bytes map size"), 6, "bytes map entry");
        Map<String, ByteBuffer> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readBytes(in));
        }
        return map;
    }

    public static void writeBytesMap(ByteBuf out, Map<String, ByteBuffer> map) {
        writeShortCount(out, map.size(), "bytes map");
        for (Map.Entry<String, ByteBuffer> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeValue(out, e.getValue());
        }
    }

    // ---- others ----

    public static UUID readUuid(ByteBuf in) {
        require(in, 16, "uuid");
        return new UUID(in.readLong(), in.readLong());
    }

    public static void writeUuid(ByteBuf out, UUID uuid) {
        out.writeLong(uuid.getMostSignificantBits());
        out.writeLong(uuid.getLeastSignificantBits());
    }

    public static ConsistencyLevel readConsistency(ByteBuf in) {
        return ConsistencyLevel.fromCode(readUnsignedShort(in, "consistency"));
    }

    public static void writeConsistency(ByteBuf out, ConsistencyLevel consistency) {
        out.writeShort(consistency.code());
    }

    /** [inetaddr]: a size byte (4 or 16) then the address. */
    public static InetAddress readInetAddr(ByteBuf in) {
        int size = readUnsignedByte(in, "inet address size");
        if (size != 4 && size != 16) {
            throw new ProtocolException("Invalid inet address size " + size);
        }
        require(in, size, "inet address");
        byte[] address = new byte[size];
        in.readBytes(address);
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new ProtocolException("Invalid inet address");
        }
    }

    public static void writeInetAddr(ByteBuf out, InetAddress address) {
        byte[] bytes = address.getAddress();
        out.writeByte(bytes.length);
        out.writeBytes(bytes);
    }

    /** [inet]: an [inetaddr] then an [int] port. */
    public static InetSocketAddress readInet(ByteBuf in) {
        InetAddress address = readInetAddr(in);
        return new InetSocketAddress(address, readInt(in, "port"));
    }

    public static void writeInet(ByteBuf out, InetSocketAddress address) {
        writeInetAddr(out, address.getAddress());
        out.writeInt(address.getPort());
    }

    // ---- helpers ----

    static void require(ByteBuf in, int bytes, String what) {
        if (in.readableBytes() < bytes) {
            throw new ProtocolException("Truncated message: " + what + " needs " + bytes + " bytes, "
                    + in.readableBytes() + " left");
        }
    }

    private static void writeShortCount(ByteBuf out, int size, String what) {
        if (size > MAX_SHORT) {
            throw new IllegalArgumentException(what + " has more than 65535 elements: " + size);
        }
        out.writeShort(size);
    }

    private static ByteBuffer copy(ByteBuf in, int length) {
        require(in, length, "value");
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    private static String readUtf8(ByteBuf in, int length) {
        require(in, length, "string");
        int start = in.readerIndex();
        if (!Utf8.isValid(in, start, length)) {
            throw new ProtocolException("Cannot decode string as UTF8: invalid byte sequence");
        }
        String value = in.toString(start, length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }
}
