package org.charybdis.tools.iotune;

import org.charybdis.scheduler.io.IoCapacity;
import org.charybdis.tools.bench.ByteAmount;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The outcome of a {@link DiskEvaluation}: the four figures and how they were measured. */
record DiskReport(Path directory, Path mountPoint, String fileSystem, int blockSize, boolean direct, long fileSize,
                  int concurrency, long durationNanos, Map<IoTest, IoResult> results) {

    IoCapacity capacity() {
        return new IoCapacity(results.get(IoTest.RANDOM_READ).requestsPerSecond(),
                results.get(IoTest.SEQUENTIAL_READ).bytesPerSecond(),
                results.get(IoTest.RANDOM_WRITE).requestsPerSecond(),
                results.get(IoTest.SEQUENTIAL_WRITE).bytesPerSecond());
    }

    /** The human summary; the properties file holds the same figures. */
    String summary() {
        StringBuilder text = new StringBuilder();
        text.append("Disk of ").append(directory).append(" (").append(fileSystem).append(" mounted on ").append(mountPoint).append("):\n");
        for (IoTest test : new IoTest[] {IoTest.RANDOM_READ, IoTest.RANDOM_WRITE, IoTest.SEQUENTIAL_READ, IoTest.SEQUENTIAL_WRITE}) {
            text.append(String.format(Locale.ROOT, "  %-17s %-20s %-17s (%d-byte requests)%n",
                    test.label, figure(test, results.get(test)), test.propertyKey, test.requestSize(blockSize)));
        }
        text.append(String.format(Locale.ROOT, "  block size %d bytes, %s, %d requests in flight, %s s per test, %s test file%n",
                blockSize, direct ? "O_DIRECT" : "buffered IO (O_DIRECT not supported: results are optimistic)",
                concurrency, seconds(durationNanos), ByteAmount.format(fileSize)));
        return text.toString();
    }

    String propertiesComment() {
        return "Measured by charybdis iotune in " + directory + " (" + fileSystem + ", block size " + blockSize + ", "
                + (direct ? "O_DIRECT" : "buffered IO: optimistic") + ", " + concurrency + " requests in flight, "
                + seconds(durationNanos) + " s per test)";
    }

    static String figure(IoTest test, IoResult result) {
        if (test.random) return result.requestsPerSecond() + " IOPS";
        return ByteAmount.format(result.bytesPerSecond()) + "/s";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
