package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Makes version 1 (time-based) UUIDs that strictly increase in timeuuid order, e.g. for the cell
 * paths of list elements. One generator per owner (shard): it is not thread-safe, by design.
 */
public final class TimeUuidGenerator {
    /** 100-nanosecond intervals between 1582-10-15 (the UUID epoch) and 1970-01-01. */
    static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;
    /** The lowest and highest clock-sequence-and-node halves under timeuuid's signed-byte order. */
    private static final long MIN_CLOCK_SEQ_AND_NODE = 0x8080808080808080L;
    private static final long MAX_CLOCK_SEQ_AND_NODE = 0x7F7F7F7F7F7F7F7FL;

    private final LongSupplier clockMillis;
    private final long clockSeqAndNode;
    private long lastTimestamp;

    public TimeUuidGenerator() {
        this(System::currentTimeMillis, new SecureRandom().nextLong());
    }

    /** With an explicit clock (epoch milliseconds) and random bits for the clock sequence and node. */
    public TimeUuidGenerator(LongSupplier clockMillis, long randomBits) {
        this.clockMillis = clockMillis;
        // variant 10, 14-bit clock sequence, 48-bit node with the multicast bit set (not a real MAC)
        this.clockSeqAndNode = (randomBits & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L | 0x0000_0100_0000_0000L;
    }

    /** A timeuuid later than every one this generator made before. */
    public ByteBuffer next() {
        long timestamp = Math.max(clockMillis.getAsLong() * 10_000 + UUID_EPOCH_OFFSET, lastTimestamp + 1);
        lastTimestamp = timestamp;
        return UuidCodecs.bytesOf(new UUID(msbOf(timestamp), clockSeqAndNode));
    }

    /** The smallest timeuuid of that millisecond, as minTimeuuid() gives. */
    public static UUID minAt(long unixMillis) {
        return new UUID(msbOf(unixMillis * 10_000 + UUID_EPOCH_OFFSET), MIN_CLOCK_SEQ_AND_NODE);
    }

    /** The largest timeuuid of that millisecond, as maxTimeuuid() gives. */
    public static UUID maxAt(long unixMillis) {
        return new UUID(msbOf(unixMillis * 10_000 + 9_999 + UUID_EPOCH_OFFSET), MAX_CLOCK_SEQ_AND_NODE);
    }

    /** The Unix epoch milliseconds a version 1 UUID carries. */
    public static long unixMillis(UUID timeUuid) {
        return Math.floorDiv(UuidCodecs.timestamp(timeUuid.getMostSignificantBits()) - UUID_EPOCH_OFFSET, 10_000);
    }

    private static long msbOf(long timestamp) {
        return (timestamp << 32) | ((timestamp >>> 16) & 0xFFFF0000L) | 0x1000L | ((timestamp >>> 48) & 0x0FFFL);
    }
}
