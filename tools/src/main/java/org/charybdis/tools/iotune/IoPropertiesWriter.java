package org.charybdis.tools.iotune;

import org.charybdis.scheduler.io.IoCapacity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/** Writes ScyllaDB's io-properties.yaml, the form {@link org.charybdis.scheduler.io.IoProperties} reads. */
final class IoPropertiesWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/._-]+");

    private IoPropertiesWriter() { }

    static String format(String mountPoint, IoCapacity capacity, String comment) {
        return "# " + comment + "\n"
                + "disks:\n"
                + "  - mountpoint: " + scalar(mountPoint) + "\n"
                + "    read_iops: " + capacity.readIops() + "\n"
                + "    read_bandwidth: " + capacity.readBandwidthBytesPerSec() + "\n"
                + "    write_iops: " + capacity.writeIops() + "\n"
                + "    write_bandwidth: " + capacity.writeBandwidthBytesPerSec() + "\n";
    }

    /** Writes beside the target, then renames: the server never reads a half-written file. */
    static void write(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A path as a YAML scalar: plain when it is safe, else double-quoted with escapes. */
    private static String scalar(String text) {
        if (PLAIN.matcher(text).matches()) return text;
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
