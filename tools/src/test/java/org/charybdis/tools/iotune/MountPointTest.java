package org.charybdis.tools.iotune;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MountPointTest {
    @Test
    void isTheHighestAncestorOnTheSameFileSystem(@TempDir Path dir) throws Exception {
        Path real = dir.toRealPath();
        Path mountPoint = MountPoint.of(dir);
        assertThat(real.startsWith(mountPoint)).isTrue();
        assertThat(Files.getFileStore(mountPoint)).isEqualTo(Files.getFileStore(real));
        if (mountPoint.getParent() != null) {
            assertThat(Files.getFileStore(mountPoint.getParent())).isNotEqualTo(Files.getFileStore(real));
        }
    }
}
