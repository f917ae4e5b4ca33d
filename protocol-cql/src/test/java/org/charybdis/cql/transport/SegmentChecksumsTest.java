package org.charybdis.cql.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SegmentChecksumsTest {
    @Test
    void crc24OfAnUncompressedHeaderMatchesOtherImplementations() {
        // 50-byte self-contained payload: header bytes 32 00 02, CRC24 bytes a5 ff ee (little-endian)
        assertThat(SegmentChecksums.crc24(0x020032, 3)).isEqualTo(0xEEFFA5);
    }

    @Test
    void crc32IsSeededWithCassandrasInitialBytes() {
        var bytes = Unpooled.wrappedBuffer("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(new SegmentChecksums().crc32(bytes, 0, 9)).isEqualTo(0xE2A261A7);
    }
}
