package org.charybdis.server.service;

/**
 * Write timestamps in microseconds, strictly increasing per shard so that two writes on one shard in
 * the same microsecond still order. Each shard writes only its own padded slot.
 */
public final class ServerClock {
    private static final int PAD = 8; // one cache line of longs per shard
    private final long[] lastMicros;

    public ServerClock(int shards) {
        this.lastMicros = new long[(shards + 1) * PAD];
    }

    public long nextMicros(int shard) {
        int slot = (shard + 1) * PAD;
        long now = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        long next = Math.max(now, lastMicros[slot] + 1);
        lastMicros[slot] = next;
        return next;
    }

    /**
     * The next timestamp of this shard that is also above {@code floor}; later ones from this shard stay
     * above it too (lightweight transactions write above the data they read).
     */
    public long nextMicrosAbove(int shard, long floor) {
        int slot = (shard + 1) * PAD;
        if (floor != Long.MAX_VALUE && lastMicros[slot] < floor) lastMicros[slot] = floor;
        return nextMicros(shard);
    }

    public static long nowInSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
