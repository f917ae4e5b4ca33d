package org.charybdis.tools.iotune;

import org.charybdis.scheduler.io.IoCapacity;
import org.charybdis.scheduler.io.IoProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IoPropertiesWriterTest {
    private static final IoCapacity CAPACITY = new IoCapacity(540317, 1914761216, 300319, 1910200576);

    @Test
    void writesScyllaDbsLayoutThatTheSchedulerReads() {
        String text = IoPropertiesWriter.format("/var/lib/charybdis", CAPACITY, "measured");
        assertThat(text).isEqualTo("""
                # measured
                disks:
                  - mountpoint: /var/lib/charybdis
                    read_iops: 540317
                    read_bandwidth: 1914761216
                    write_iops: 300319
                    write_bandwidth: 1910200576
                """);
        assertThat(IoProperties.parse(text)).isEqualTo(CAPACITY);
    }

    @Test
    void anOddMountPointIsQuoted() {
        String text = IoPropertiesWriter.format("/mnt/my \"disk\" #1", CAPACITY, "measured");
        assertThat(text).contains("- mountpoint: \"/mnt/my \\\"disk\\\" #1\"");
        assertThat(IoProperties.parse(text)).isEqualTo(CAPACITY);
    }

    @Test
    void replacesAnOldFileWithoutLeavingATemporaryOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("io_properties.yaml");
        Files.writeString(file, "old");
        IoPropertiesWriter.write(file, IoPropertiesWriter.format("/", CAPACITY, "new"));
        assertThat(IoProperties.load(file)).isEqualTo(CAPACITY);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
