package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * The <query_parameters> of QUERY and EXECUTE (and the trailing options of BATCH, which have no
 * values or paging). Absent fields hold their markers: pageSize -1, pagingState null,
 * serialConsistency SERIAL, defaultTimestamp {@link #NO_TIMESTAMP}, keyspace null, nowInSeconds
 * {@link #NO_NOW}. In {@code values} a null element is SQL NULL and {@link #UNSET} (by identity) is
 * "not set"; {@code valueNames} is null unless values were named.
 */
public record QueryOptions(ConsistencyLevel consistency, List<ByteBuffer> values, List<String> valueNames,
                           boolean skipMetadata, int pageSize, ByteBuffer pagingState,
                           ConsistencyLevel serialConsistency, long defaultTimestamp, String keyspace,
                           int nowInSeconds) {

    /** The "not set" value (length -2, v4+). Compare by identity. */
    public static final ByteBuffer UNSET = ByteBuffer.allocate(0).asReadOnlyBuffer();
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    public static final int NO_NOW = Integer.MIN_VALUE;
    public static final int NO_PAGE_SIZE = -1;

    static final int VALUES = 0x01;
    static final int SKIP_METADATA = 0x02;
    static final int PAGE_SIZE = 0x04;
    static final int PAGING_STATE = 0x08;
    static final int SERIAL_CONSISTENCY = 0x10;
    static final int DEFAULT_TIMESTAMP = 0x20;
    static final int NAMES_FOR_VALUES = 0x40;
    static final int KEYSPACE = 0x80;
    static final int NOW_IN_SECONDS = 0x100;

    private static final int V3_V4_FLAGS = 0x7F;
    private static final int V5_FLAGS = 0x1FF;
    private static final int BATCH_FORBIDDEN_FLAGS = VALUES | SKIP_METADATA | PAGE_SIZE | PAGING_STATE;

    public QueryOptions {
        if (consistency == null || values == null || serialConsistency == null) {
            throw new IllegalArgumentException("consistency, values and serialConsistency are required");
        }
        if (valueNames != null && valueNames.size() != values.size()) {
            throw new IllegalArgumentException("valueNames must match values one to one");
        }
    }

    /** No values, no paging, server-side timestamp. */
    public static QueryOptions of(ConsistencyLevel consistency) {
        return of(consistency, List.of());
    }

    public static QueryOptions of(ConsistencyLevel consistency, List<ByteBuffer> values) {
        return new QueryOptions(consistency, values, null, false, NO_PAGE_SIZE, null, ConsistencyLevel.SERIAL,
                NO_TIMESTAMP, null, NO_NOW);
    }

    public boolean hasPaging() { return pageSize > 0; }
    public boolean hasDefaultTimestamp() { return defaultTimestamp != NO_TIMESTAMP; }
    public boolean hasNowInSeconds() { return nowInSeconds != NO_NOW; }

    // ---- QUERY / EXECUTE ----

    public static QueryOptions decode(ByteBuf in, ProtocolVersion version) {
        ConsistencyLevel consistency = WireFormat.readConsistency(in);
        int flags = readFlags(in, version);
        List<ByteBuffer> values = List.of();
        List<String> names = null;
        if ((flags & VALUES) != 0) {
            boolean named = (flags & NAMES_FOR_VALUES) != 0;
            int n = WireFormat.readCount(in, WireFormat.readUnsignedShort(in, "value count"), named ? 6 : 4, "value");
            values = new ArrayList<>(n);
            names = named ? new ArrayList<>(n) : null;
            for (int i = 0; i < n; i++) {
                if (named) {
                    names.add(WireFormat.readString(in));
                }
                values.add(WireFormat.readValue(in, version));
            }
        }
        int pageSize = NO_PAGE_SIZE;
        if ((flags & PAGE_SIZE) != 0) {
            pageSize = WireFormat.readInt(in, "page size");
            if (pageSize == 0) {
                throw new ProtocolException("The page size cannot be 0");
            }
            pageSize = pageSize < 0 ? NO_PAGE_SIZE : pageSize;
        }
        ByteBuffer pagingState = (flags & PAGING_STATE) != 0 ? WireFormat.readBytes(in) : null;
        return readTail(in, version, flags, consistency, values, names, (flags & SKIP_METADATA) != 0, pageSize,
                pagingState);
    }

    public void encode(ByteBuf out, ProtocolVersion version) {
        int flags = tailFlags(version);
        if (!values.isEmpty()) {
            flags |= VALUES;
            if (valueNames != null) {
                flags |= NAMES_FOR_VALUES;
            }
        }
        if (skipMetadata) flags |= SKIP_METADATA;
        if (pageSize > 0) flags |= PAGE_SIZE;
        if (pagingState != null) flags |= PAGING_STATE;
        WireFormat.writeConsistency(out, consistency);
        writeFlags(out, version, flags);
        if ((flags & VALUES) != 0) {
            out.writeShort(values.size());
            for (int i = 0; i < values.size(); i++) {
                if (valueNames != null) {
                    WireFormat.writeString(out, valueNames.get(i));
                }
                WireFormat.writeValue(out, values.get(i));
            }
        }
        if (pageSize > 0) out.writeInt(pageSize);
        if (pagingState != null) WireFormat.writeValue(out, pagingState);
        writeTail(out, flags);
    }

    // ---- BATCH: <consistency><flags>[<serial_consistency>][<timestamp>][<keyspace>][<now_in_seconds>] ----

    public static QueryOptions decodeBatch(ByteBuf in, ProtocolVersion version) {
        ConsistencyLevel consistency = WireFormat.readConsistency(in);
        int flags = readFlags(in, version);
        if ((flags & BATCH_FORBIDDEN_FLAGS) != 0) {
            throw new ProtocolException("Invalid BATCH flags 0x" + Integer.toHexString(flags)
                    + ": values, skip metadata and paging do not apply to a batch");
        }
        if ((flags & NAMES_FOR_VALUES) != 0) {
            // the flag follows the statements it would describe, so no server can honour it (CASSANDRA-10246)
            throw new ProtocolException("Names for values are not supported in BATCH (CASSANDRA-10246)");
        }
        return readTail(in, version, flags, consistency, List.of(), null, false, NO_PAGE_SIZE, null);
    }

    public void encodeBatch(ByteBuf out, ProtocolVersion version) {
        int flags = tailFlags(version);
        WireFormat.writeConsistency(out, consistency);
        writeFlags(out, version, flags);
        writeTail(out, flags);
    }

    // ---- shared tail ----

    private static QueryOptions readTail(ByteBuf in, ProtocolVersion version, int flags, ConsistencyLevel consistency,
                                         List<ByteBuffer> values, List<String> names, boolean skipMetadata,
                                         int pageSize, ByteBuffer pagingState) {
        ConsistencyLevel serial = (flags & SERIAL_CONSISTENCY) != 0 ? WireFormat.readConsistency(in)
                : ConsistencyLevel.SERIAL;
        long timestamp = NO_TIMESTAMP;
        if ((flags & DEFAULT_TIMESTAMP) != 0) {
            timestamp = WireFormat.readLong(in, "default timestamp");
            if (timestamp == Long.MIN_VALUE) {
                throw new ProtocolException("Out of bound timestamp, must be in [" + (Long.MIN_VALUE + 1) + ", "
                        + Long.MAX_VALUE + "] (got " + timestamp + ")");
            }
        }
        String keyspace = (flags & KEYSPACE) != 0 ? WireFormat.readString(in) : null;
        int now = (flags & NOW_IN_SECONDS) != 0 ? WireFormat.readInt(in, "now in seconds") : NO_NOW;
        return new QueryOptions(consistency, values, names, skipMetadata, pageSize, pagingState, serial, timestamp,
                keyspace, now);
    }

    private int tailFlags(ProtocolVersion version) {
        int flags = 0;
        if (serialConsistency != ConsistencyLevel.SERIAL) flags |= SERIAL_CONSISTENCY;
        if (defaultTimestamp != NO_TIMESTAMP) flags |= DEFAULT_TIMESTAMP;
        if (keyspace != null || nowInSeconds != NO_NOW) {
            if (version.isBefore(ProtocolVersion.V5)) {
                throw new IllegalArgumentException("keyspace and now_in_seconds need protocol v5");
            }
            if (keyspace != null) flags |= KEYSPACE;
            if (nowInSeconds != NO_NOW) flags |= NOW_IN_SECONDS;
        }
        return flags;
    }

    private void writeTail(ByteBuf out, int flags) {
        if ((flags & SERIAL_CONSISTENCY) != 0) WireFormat.writeConsistency(out, serialConsistency);
        if ((flags & DEFAULT_TIMESTAMP) != 0) out.writeLong(defaultTimestamp);
        if ((flags & KEYSPACE) != 0) WireFormat.writeString(out, keyspace);
        if ((flags & NOW_IN_SECONDS) != 0) out.writeInt(nowInSeconds);
    }

    private static int readFlags(ByteBuf in, ProtocolVersion version) {
        boolean v5 = version.isAtLeast(ProtocolVersion.V5);
        int flags = v5 ? WireFormat.readInt(in, "query flags") : WireFormat.readUnsignedByte(in, "query flags");
        int unknown = flags & ~(v5 ? V5_FLAGS : V3_V4_FLAGS);
        if (unknown != 0) {
            throw new ProtocolException("Unknown query flags 0x" + Integer.toHexString(unknown) + " for protocol v"
                    + version.code());
        }
        return flags;
    }

    private static void writeFlags(ByteBuf out, ProtocolVersion version, int flags) {
        if (version.isAtLeast(ProtocolVersion.V5)) {
            out.writeInt(flags);
        } else {
            out.writeByte(flags);
        }
    }
}
