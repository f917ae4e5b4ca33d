package org.charybdis.tools.iotune;

import org.charybdis.storage.units.TimeSpan;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What {@code charybdis iotune} was asked to do, checked.
 *
 * @param directory      the evaluation directory: on the disk that holds (or will hold) the data
 * @param propertiesFile where io_properties.yaml is written
 * @param durationNanos  how long each of the four tests runs
 * @param fileSize       the requested test file size; the run rounds it down to whole 128 KiB requests
 * @param concurrency    requests in flight (one per thread)
 * @param tryDirect      use O_DIRECT when the file system allows it (tests turn it off to reach the fallback)
 */
record IoTuneSettings(Path directory, Path propertiesFile, long durationNanos, long fileSize, int concurrency, boolean tryDirect) {
    static final int MAX_CONCURRENCY = 1024;
    private static final double MAX_SECONDS = 24 * 3600;

    IoTuneSettings {
        if (durationNanos <= 0) throw new IllegalArgumentException("--duration must be positive");
        if (fileSize <= 0) throw new IllegalArgumentException("--file-size must be positive");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--concurrency must be between 1 and " + MAX_CONCURRENCY + ": " + concurrency);
        }
    }

    /**
     * NVMe disks need deep queues to show their IOPS (a virtio disk measured 15k IOPS with 1 request in flight, 80k
     * with 16, 120k with 64), and a blocked thread per request is cheap next to the disk: 4 per core, at least 64.
     */
    static int defaultConcurrency() {
        return Math.max(64, 4 * Runtime.getRuntime().availableProcessors());
    }

    /** Seconds per test: {@code 10}, {@code 0.5}, or with a unit ({@link TimeSpan}), {@code 10s} or {@code 300ms}. */
    static long parseDuration(String text) {
        long nanos;
        try {
            nanos = TimeSpan.nanos(text, TimeUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--duration must be seconds per test, e.g. 10, 0.5 or 300ms: '" + text + "'");
        }
        if (nanos <= 0 || nanos > MAX_SECONDS * 1e9) {
            throw new IllegalArgumentException("--duration must be more than 0 and at most 24 hours per test: '" + text + "'");
        }
        return nanos;
    }

    /** $CHARYBDIS_HOME/conf/io_properties.yaml beside charybdis.yaml, else io_properties.yaml here. */
    static Path defaultPropertiesFile(String charybdisHome) {
        if (charybdisHome == null || charybdisHome.isBlank()) return Path.of("io_properties.yaml");
        return Path.of(charybdisHome, "conf", "io_properties.yaml");
    }
}
