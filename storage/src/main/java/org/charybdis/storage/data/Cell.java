package org.charybdis.storage.data;

import java.nio.ByteBuffer;

/**
 * One stored value of one column in one row, in Cassandra's three shapes:
 * <ul>
 *   <li>regular: {@code ttl == 0}, {@code localDeletionTime == NO_DELETION_TIME};</li>
 *   <li>expiring: {@code ttl > 0}, {@code localDeletionTime} is the second it expires at (write time + ttl);</li>
 *   <li>tombstone: {@code ttl == 0}, {@code localDeletionTime} is the second it was deleted at, empty value.</li>
 * </ul>
 * {@code path} is null for simple columns; for non-frozen collections and UDTs it names the element
 * (list timeuuid, set element, map key, UDT field index) and the cell is one element of the column.
 * Times: {@code timestamp} in microseconds (the write timestamp), the others in seconds since the epoch.
 * Buffers must not be modified after construction.
 */
public record Cell(int column, ByteBuffer path, ByteBuffer value, long timestamp, int ttl, long localDeletionTime) {
    public static final long NO_DELETION_TIME = Long.MAX_VALUE;
    private static final ByteBuffer EMPTY_VALUE = ByteBuffer.allocate(0);

    public Cell {
        if (value == null) throw new NullPointerException("value (use a tombstone for deletion)");
        if (ttl < 0) throw new IllegalArgumentException("negative ttl: " + ttl);
        if (ttl > 0 && localDeletionTime == NO_DELETION_TIME)
            throw new IllegalArgumentException("an expiring cell needs an expiration time");
    }

    public static Cell regular(int column, ByteBuffer path, ByteBuffer value, long timestamp) {
        return new Cell(column, path, value, timestamp, 0, NO_DELETION_TIME);
    }

    /** A cell written with {@code USING TTL ttl} at second {@code nowInSeconds}; ttl 0 means a regular cell. */
    public static Cell expiring(int column, ByteBuffer path, ByteBuffer value, long timestamp, int ttl, long nowInSeconds) {
        return ttl == 0 ? regular(column, path, value, timestamp)
                        : new Cell(column, path, value, timestamp, ttl, nowInSeconds + ttl);
    }

    public static Cell tombstone(int column, ByteBuffer path, long timestamp, long nowInSeconds) {
        return new Cell(column, path, EMPTY_VALUE, timestamp, 0, nowInSeconds);
    }

    public boolean isTombstone() { return ttl == 0 && localDeletionTime != NO_DELETION_TIME; }

    public boolean isExpiring() { return ttl > 0; }

    /** Live at that second: not a tombstone and, if expiring, not yet expired. Ignores deletions above the cell. */
    public boolean isLive(long nowInSeconds) {
        return localDeletionTime == NO_DELETION_TIME || (ttl > 0 && nowInSeconds < localDeletionTime);
    }

    /** Second the cell expires at, for an expiring cell. */
    public long expirationTime() { return localDeletionTime; }

    /** Seconds left before expiry (what CQL's ttl() returns), or 0 when not expiring. */
    public long remainingTtl(long nowInSeconds) {
        return ttl > 0 ? Math.max(0, localDeletionTime - nowInSeconds) : 0;
    }

    public long dataSize() {
        return value.remaining() + (path == null ? 0 : path.remaining()) + 8 + 4 + 8;
    }

    @Override
    public String toString() {
        String kind = isTombstone() ? "tombstone" : isExpiring() ? "ttl=" + ttl + " exp=" + localDeletionTime : "regular";
        return "Cell(col=" + column + (path == null ? "" : " path=" + HexString.of(path))
                + (isTombstone() ? "" : " value=" + HexString.of(value)) + " ts=" + timestamp + " " + kind + ")";
    }
}
