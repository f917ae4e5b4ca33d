package org.charybdis.scheduler.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading ScyllaDB's io-properties.yaml without a YAML library. */
class IoPropertiesTest {
    private static final String SCYLLA_STYLE = """
            # written by iotune
            disks:
              - mountpoint: /var/lib/scylla
                read_iops: 540317
                read_bandwidth: 1914761216   # bytes per second
                write_iops: 300319
                write_bandwidth: "1910200576"
                read_saturation_length: 1024
              - mountpoint: /mnt/other
                read_iops: 1
                read_bandwidth: 1
                write_iops: 1
                write_bandwidth: 1
            """;

    @Test
    void readsTheFirstDisk() {
        assertThat(IoProperties.parse(SCYLLA_STYLE))
                .isEqualTo(new IoCapacity(540_317, 1_914_761_216L, 300_319, 1_910_200_576L));
    }

    @Test
    void acceptsADocumentMarkerUnindentedItemsAndKeysOnTheDashLine(@TempDir Path dir) throws Exception {
        String text = """
                ---
                disks:
                - read_iops: 10
                  mountpoint: /data
                  read_bandwidth: 20
                  write_iops: 30
                  write_bandwidth: 40
                other_key: ignored
                """;
        Path file = dir.resolve("io-properties.yaml");
        Files.writeString(file, text);

        assertThat(IoProperties.load(file)).isEqualTo(new IoCapacity(10, 20, 30, 40));
    }

    @Test
    void aBadNumberNamesTheLineAndTheKey() {
        String text = SCYLLA_STYLE.replace("300319", "fast");
        assertThatThrownBy(() -> IoProperties.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 6")
                .hasMessageContaining("write_iops must be a whole number, not \"fast\"");
    }

    @Test
    void aMissingKeyIsNamed() {
        String text = """
                disks:
                  - mountpoint: /x
                    read_iops: 1
                    read_bandwidth: 2
                    write_iops: 3
                """;
        assertThatThrownBy(() -> IoProperties.parse(text)).hasMessageContaining("write_bandwidth");
    }

    @Test
    void nonPositiveDuplicateAndMalformedLinesAreRefused() {
        assertThatThrownBy(() -> IoProperties.parse(SCYLLA_STYLE.replace("540317", "0")))
                .hasMessageContaining("read_iops must be positive");
        assertThatThrownBy(() -> IoProperties.parse(SCYLLA_STYLE.replace("write_iops: 300319", "read_iops: 7")))
                .hasMessageContaining("read_iops is given twice");
        assertThatThrownBy(() -> IoProperties.parse("disks:\n  - mountpoint /x\n"))
                .hasMessageContaining("line 2").hasMessageContaining("key: value");
        assertThatThrownBy(() -> IoProperties.parse("disks:\n  - {read_iops: 1}\n"))
                .hasMessageContaining("flow style");
        assertThatThrownBy(() -> IoProperties.parse("disks:\n\t- read_iops: 1\n")).hasMessageContaining("tabs");
    }

    @Test
    void noDisksIsAnError() {
        assertThatThrownBy(() -> IoProperties.parse("# empty\n")).hasMessageContaining("no \"disks:\"");
        assertThatThrownBy(() -> IoProperties.parse("disks:\nother: 1\n")).hasMessageContaining("no disk");
    }
}
