package org.charybdis.tools.iotune;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BlockSizeTest {
    @Test
    void theLargestPlausibleReportedSizeWinsButNeverLessThan4096() {
        assertThat(BlockSize.choose()).isEqualTo(4096);
        assertThat(BlockSize.choose(512, 0)).isEqualTo(4096);
        assertThat(BlockSize.choose(4096, 16384)).isEqualTo(16384);
        assertThat(BlockSize.choose(1 << 20, 4096)).as("a network file system's transfer size").isEqualTo(4096);
        assertThat(BlockSize.choose(12288)).as("not a power of two").isEqualTo(4096);
    }

    @Test
    void deviceNumbersAreSplitAsLinuxEncodesThem() {
        // makedev(254, 0), makedev(259, 1) and makedev(0x12345, 0x6789ab), encoded as glibc does
        assertThat(BlockSize.major(0xfe00L)).isEqualTo(254);
        assertThat(BlockSize.minor(0xfe00L)).isZero();
        assertThat(BlockSize.major(0x10301L)).isEqualTo(259);
        assertThat(BlockSize.minor(0x10301L)).isEqualTo(1);
        long big = ((0x12345L & 0xfffL) << 8) | ((0x12345L & ~0xfffL) << 32) | (0x6789abL & 0xffL) | ((0x6789abL & ~0xffL) << 12);
        assertThat(BlockSize.major(big)).isEqualTo(0x12345);
        assertThat(BlockSize.minor(big)).isEqualTo(0x6789ab);
    }

    @Test
    void aRealDirectoryGetsAPowerOfTwoOfAtLeast4096(@TempDir Path dir) throws Exception {
        int size = BlockSize.of(dir);
        assertThat(size).isGreaterThanOrEqualTo(4096);
        assertThat(Integer.bitCount(size)).isEqualTo(1);
    }
}
