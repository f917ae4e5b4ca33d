package org.charybdis.cql.transport;

/** Layout constants of v5 segments (spec section 2.1, 2.2). All integers are little-endian. */
final class SegmentFormat {
    /** Largest payload a segment carries: 128 KiB - 1. */
    static final int MAX_PAYLOAD = (1 << 17) - 1;
    /** 3 bytes of length and flag, 3 bytes of CRC24. */
    static final int UNCOMPRESSED_HEADER = 6;
    /** 5 bytes of compressed length, uncompressed length and flag, 3 bytes of CRC24. */
    static final int COMPRESSED_HEADER = 8;
    static final int TRAILER = 4;
    static final int LENGTH_MASK = MAX_PAYLOAD;

    private SegmentFormat() {}
}
