package org.charybdis.tools.iotune;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The request alignment for O_DIRECT: the larger of 4096, the file system's block size and the device's physical
 * block size. Requests smaller than a physical block make the disk read-modify-write; misaligned ones are refused.
 */
final class BlockSize {
    static final int MINIMUM = 4096;
    /** Anything larger is not a disk block (a network file system's preferred transfer size, say): ignored. */
    private static final int LARGEST_PLAUSIBLE = 64 * 1024;

    private BlockSize() { }

    static int of(Path directory) throws IOException {
        FileStore store = Files.getFileStore(directory);
        return choose(fileSystemBlockSize(store), physicalBlockSize(directory));
    }

    /** The larger of 4096 and the plausible (power of two, at most 64 KiB) reported sizes; 0 means unknown. */
    static int choose(long... reported) {
        int size = MINIMUM;
        for (long candidate : reported) {
            if (candidate > 0 && candidate <= LARGEST_PLAUSIBLE && Long.bitCount(candidate) == 1) {
                size = Math.max(size, (int) candidate);
            }
        }
        return size;
    }

    private static long fileSystemBlockSize(FileStore store) {
        try {
            return store.getBlockSize();
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /**
     * Linux: /sys/dev/block/MAJOR:MINOR is the device holding the directory; a partition has no queue/ of its own,
     * its disk (the parent in sysfs) has. 0 when there is no block device (tmpfs, overlay, network, not Linux).
     */
    static long physicalBlockSize(Path directory) {
        try {
            Object dev = Files.getAttribute(directory, "unix:dev");
            if (!(dev instanceof Long number)) return 0;
            Path device = Path.of("/sys/dev/block", major(number) + ":" + minor(number));
            if (!Files.exists(device)) return 0;
            device = device.toRealPath();
            for (Path candidate : new Path[] {device, device.getParent()}) {
                Path file = candidate.resolve("queue/physical_block_size");
                if (Files.isReadable(file)) return Long.parseLong(Files.readString(file).strip());
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Linux's dev_t layout (glibc's major()): the major's low 12 bits are bits 8-19, its high 20 bits 44-63. */
    static long major(long dev) {
        return ((dev & 0x00000000000fff00L) >>> 8) | ((dev & 0xfffff00000000000L) >>> 32);
    }

    /** Linux's dev_t layout (glibc's minor()): the minor's low 8 bits are bits 0-7, its high 24 bits 20-43. */
    static long minor(long dev) {
        return (dev & 0xffL) | ((dev & 0x00000ffffff00000L) >>> 12);
    }
}
