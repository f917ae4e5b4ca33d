package org.charybdis.scheduler.io;

/**
 * What the disk can do, as {@code charybdis iotune} (or ScyllaDB's iotune) measures it and io-properties.yaml
 * records it. {@link Long#MAX_VALUE} in any field means "no limit known"; {@link #UNLIMITED} has it everywhere.
 * Unlimited takes the same code path as a measured disk: it only makes requests cheap (see {@link #costNanos}).
 *
 * @param readIops                  random read requests per second
 * @param readBandwidthBytesPerSec  sequential read bytes per second
 * @param writeIops                 random write requests per second
 * @param writeBandwidthBytesPerSec sequential write bytes per second
 */
public record IoCapacity(long readIops, long readBandwidthBytesPerSec, long writeIops, long writeBandwidthBytesPerSec) {
    /** No limit known: requests cost only {@link #costNanos}'s floor, so nothing is throttled by capacity. */
    public static final IoCapacity UNLIMITED = new IoCapacity(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * The most disk time one request is charged (an hour), so that sums of costs in the token bucket and the
     * fair queue's virtual times cannot overflow however absurd a request's size or a capacity is.
     */
    public static final long MAX_COST_NANOS = 3_600_000_000_000L;

    /**
     * Bytes per nanosecond of the floor cost: whatever the capacity, a request costs at least one nanosecond per
     * started 4 KiB (a 4 TB/s, 1e9 IOPS reference disk). It keeps costs, and so fairness between classes,
     * proportional to bytes when the capacity is unlimited, and is far below any real disk's cost.
     */
    static final long FLOOR_BYTES_PER_NANO = 4096;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public IoCapacity {
        requirePositive("readIops", readIops);
        requirePositive("readBandwidthBytesPerSec", readBandwidthBytesPerSec);
        requirePositive("writeIops", writeIops);
        requirePositive("writeBandwidthBytesPerSec", writeBandwidthBytesPerSec);
    }

    public boolean isUnlimited() { return equals(UNLIMITED); }

    /**
     * Nanoseconds of disk time one request of {@code bytes} takes in its direction, ScyllaDB-style:
     * max(1 / iops, bytes / bandwidth), never below the floor and never above {@link #MAX_COST_NANOS}.
     * Long arithmetic that cannot overflow for any argument; nothing is narrowed to int.
     */
    public long costNanos(boolean write, long bytes) {
        long safeBytes = Math.max(0, bytes);
        long iops = write ? writeIops : readIops;
        long bandwidth = write ? writeBandwidthBytesPerSec : readBandwidthBytesPerSec;
        long opNanos = nanosFor(1, iops);
        long byteNanos = nanosFor(safeBytes, bandwidth);
        long floor = Math.max(1, Math.ceilDiv(safeBytes, FLOOR_BYTES_PER_NANO));
        return Math.min(MAX_COST_NANOS, Math.max(Math.max(opNanos, byteNanos), floor));
    }

    /** amount * 1e9 / perSecond, exact when the product fits in a long, saturating at MAX_COST_NANOS. */
    static long nanosFor(long amount, long perSecond) {
        if (amount <= 0) return 0;
        long wholeSeconds = amount / perSecond;
        if (wholeSeconds >= MAX_COST_NANOS / NANOS_PER_SECOND) return MAX_COST_NANOS;
        long rest = amount % perSecond; // < perSecond, but rest * 1e9 may still not fit
        long restNanos;
        if (Math.multiplyHigh(rest, NANOS_PER_SECOND) == 0 && rest * NANOS_PER_SECOND >= 0) {
            restNanos = rest * NANOS_PER_SECOND / perSecond;
        } else {
            restNanos = (long) ((double) rest / perSecond * NANOS_PER_SECOND); // < 1e9, so double is exact enough
        }
        return wholeSeconds * NANOS_PER_SECOND + restNanos;
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive (Long.MAX_VALUE for unlimited): " + value);
        }
    }
}
