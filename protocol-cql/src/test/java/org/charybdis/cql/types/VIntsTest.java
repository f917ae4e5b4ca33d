package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class VIntsTest {
    @Test
    void unsignedRoundTripsAtEverySizeBoundary() {
        for (int bits = 0; bits <= 64; bits++) {
            for (long value : new long[] {(1L << bits) - 1, 1L << bits, (1L << bits) + 1}) {
                ByteBuffer out = ByteBuffer.allocate(9);
                VInts.writeUnsigned(out, value);
                assertThat(out.position()).as("size of %d", value).isEqualTo(VInts.sizeOfUnsigned(value));
                assertThat(VInts.lengthAt(out.flip(), 0)).isEqualTo(out.limit());
                assertThat(VInts.readUnsignedAt(out, 0)).isEqualTo(value);
            }
        }
    }

    @Test
    void signedUsesZigZag() {
        assertThat(VInts.zigZag(-1)).isEqualTo(1);
        assertThat(VInts.zigZag(1)).isEqualTo(2);
        assertThat(VInts.unZigZag(VInts.zigZag(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThat(VInts.sizeOfUnsigned(127)).isEqualTo(1);
        assertThat(VInts.sizeOfUnsigned(128)).isEqualTo(2);
        assertThat(VInts.sizeOfUnsigned(-1L)).isEqualTo(9);
    }

    @Test
    void truncatedVintIsDetected() {
        ByteBuffer truncated = ByteBuffer.wrap(new byte[] {(byte) 0xE0, 1});
        assertThat(VInts.lengthAt(truncated, 0)).isEqualTo(-1);
        assertThat(VInts.lengthAt(truncated, 2)).isEqualTo(-1);
    }
}
