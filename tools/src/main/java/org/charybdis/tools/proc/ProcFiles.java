package org.charybdis.tools.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about a process in /proc: resident memory and bytes written to storage of this process, CPU
 * time of any process. -1 where /proc (or the process) is missing.
 */
public final class ProcFiles {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path IO = Path.of("/proc/self/io");
    /**
     * USER_HZ, the unit of the CPU times in /proc/<pid>/stat. The kernel fixes it at 100 for user space on every
     * architecture we run on, whatever its internal tick rate (CONFIG_HZ).
     */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    /** utime and stime are fields 14 and 15 of stat; counting from field 3 (state), the first after the command name. */
    private static final int UTIME_AFTER_COMMAND = 14 - 3;

    private ProcFiles() {}

    /** Resident set size in bytes ({@code VmRSS}). */
    public static long residentBytes() {
        return field(STATUS, "VmRSS:") * 1024; // the kernel reports kB
    }

    /**
     * Bytes this process caused to be sent to storage ({@code write_bytes}): SSTables, commitlog entries and the
     * zeros that pre-allocate commitlog segments.
     */
    public static long storageWriteBytes() {
        return field(IO, "write_bytes:");
    }

    /** CPU time (user + system, all threads) the process has used so far, in nanoseconds; -1 if it does not exist. */
    public static long cpuNanos(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return -1;
        }
        // the command name is in parentheses and may itself hold spaces and parentheses: split after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        try {
            long ticks = Long.parseLong(fields[UTIME_AFTER_COMMAND]) + Long.parseLong(fields[UTIME_AFTER_COMMAND + 1]);
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return -1;
        }
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
