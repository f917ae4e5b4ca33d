package org.charybdis.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says about this process: resident memory and bytes written to storage. -1 where /proc is missing. */
final class ProcFiles {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path IO = Path.of("/proc/self/io");

    private ProcFiles() {}

    /** Resident set size in bytes ({@code VmRSS}). */
    static long residentBytes() {
        return field(STATUS, "VmRSS:") * 1024; // the kernel reports kB
    }

    /**
     * Bytes this process caused to be sent to storage ({@code write_bytes}): SSTables, commitlog entries and the
     * zeros that pre-allocate commitlog segments.
     */
    static long storageWriteBytes() {
        return field(IO, "write_bytes:");
    }

    static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.startsWith(name)) continue;
                String value = line.substring(name.length()).trim();
                int space = value.indexOf(' ');
                return Long.parseLong(space < 0 ? value : value.substring(0, space));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
