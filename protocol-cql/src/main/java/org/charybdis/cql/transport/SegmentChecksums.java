package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32;

/**
 * The v5 segment checksums: a CRC24 over the (little-endian) header bits, and a CRC32 over the
 * payload that starts from Cassandra's four fixed seed bytes rather than from zero.
 */
final class SegmentChecksums {
    private static final int CRC24_INIT = 0x875060;
    private static final int CRC24_POLY = 0x1974F0B;
    private static final byte[] CRC32_SEED = {(byte) 0xFA, (byte) 0x2D, (byte) 0x55, (byte) 0xCA};

    private final CRC32 crc32 = new CRC32();

    /** CRC24 of the {@code length} low bytes of {@code bytes}, least significant byte first. */
    static int crc24(long bytes, int length) {
        int crc = CRC24_INIT;
        for (int i = 0; i < length; i++) {
            crc ^= (int) ((bytes >>> (8 * i)) & 0xFF) << 16;
            for (int bit = 0; bit < 8; bit++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= CRC24_POLY;
                }
            }
        }
        return crc & 0xFFFFFF;
    }

    /** CRC32 of {@code length} bytes of {@code buf} from {@code index}; reuses one CRC32 per connection. */
    int crc32(ByteBuf buf, int index, int length) {
        crc32.reset();
        crc32.update(CRC32_SEED);
        if (buf.nioBufferCount() == 1) {
            crc32.update(buf.nioBuffer(index, length));
        } else {
            for (java.nio.ByteBuffer part : buf.nioBuffers(index, length)) {
                crc32.update(part);
            }
        }
        return (int) crc32.getValue();
    }
}
