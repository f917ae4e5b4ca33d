package org.charybdis.storage.commitlog;

import org.charybdis.storage.serialization.CorruptDataException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentHeaderTest {
    @Test
    void roundTrips() {
        ByteBuffer page = ByteBuffer.allocate(64);
        SegmentHeader.current(3, 1234567L).writeTo(page);

        assertThat(page.position()).isEqualTo(SegmentHeader.SIZE);
        assertThat(SegmentHeader.read(page.flip())).isEqualTo(new SegmentHeader(SegmentHeader.FORMAT_VERSION, 3, 1234567L));
    }

    @Test
    void allZeroBytesAreABlankSegment() {
        assertThat(SegmentHeader.read(ByteBuffer.allocate(SegmentHeader.SIZE))).isNull();
    }

    @Test
    void damageIsDetected() {
        ByteBuffer page = ByteBuffer.allocate(SegmentHeader.SIZE);
        SegmentHeader.current(0, 7).writeTo(page);
        page.put(15, (byte) 8); // the segment id

        assertThatThrownBy(() -> SegmentHeader.read(page.flip())).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("checksum");
        page.putInt(0, 0x12345678);
        assertThatThrownBy(() -> SegmentHeader.read(page)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("magic");
    }
}
