package org.charybdis.storage.data;

/**
 * The primary key liveness of a row (Cassandra's "row marker"): written by INSERT, not by UPDATE, so a
 * row created by INSERT stays visible with all its regular columns null, while a row created by UPDATE
 * disappears once all its cells are gone. With a TTL the marker, and so the row, expires.
 */
public record LivenessInfo(long timestamp, int ttl, long localExpirationTime) {
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    public static final long NO_EXPIRATION_TIME = Long.MAX_VALUE;
    /** No marker. */
    public static final LivenessInfo EMPTY = new LivenessInfo(NO_TIMESTAMP, 0, NO_EXPIRATION_TIME);

    public LivenessInfo {
        if (ttl < 0) throw new IllegalArgumentException("negative ttl: " + ttl);
    }

    /** The marker an INSERT writes at {@code nowInSeconds}; ttl 0 means no expiry. */
    public static LivenessInfo of(long timestamp, int ttl, long nowInSeconds) {
        return ttl == 0 ? new LivenessInfo(timestamp, 0, NO_EXPIRATION_TIME)
                        : new LivenessInfo(timestamp, ttl, nowInSeconds + ttl);
    }

    public boolean isEmpty() { return timestamp == NO_TIMESTAMP; }

    public boolean isExpiring() { return ttl > 0; }

    public boolean isLive(long nowInSeconds) {
        return !isEmpty() && (ttl == 0 || nowInSeconds < localExpirationTime);
    }
}
