package org.charybdis.storage.compaction;

/** A fake SSTable for planner tests. */
record TestSSTable(long generation, long onDiskSize, long firstToken, long lastToken, long minTimestamp,
                   long maxTimestamp, long maxLocalDeletionTime) implements CompactionCandidate {
    static final long MIB = 1L << 20;

    /** Live data spanning the whole ring, written at time {@code generation}. */
    static TestSSTable wholeRing(long generation, long bytes) {
        return new TestSSTable(generation, bytes, TokenSpace.MIN_TOKEN, TokenSpace.MAX_TOKEN,
                               generation, generation, Long.MAX_VALUE);
    }

    /** Live data spanning shard {@code shard} of {@code shards} equal parts of the ring. */
    static TestSSTable inShard(long generation, long bytes, int shard, int shards) {
        ShardingBoundaries b = ShardingBoundaries.ofCount(shards);
        return new TestSSTable(generation, bytes, b.shardStart(shard), b.shardEnd(shard),
                               generation, generation, Long.MAX_VALUE);
    }

    static TestSSTable tokens(long generation, long firstToken, long lastToken) {
        return new TestSSTable(generation, MIB, firstToken, lastToken, generation, generation, Long.MAX_VALUE);
    }

    TestSSTable expiringAt(long localDeletionTime) {
        return new TestSSTable(generation, onDiskSize, firstToken, lastToken, minTimestamp, maxTimestamp,
                               localDeletionTime);
    }

    TestSSTable writtenBetween(long min, long max) {
        return new TestSSTable(generation, onDiskSize, firstToken, lastToken, min, max, maxLocalDeletionTime);
    }

    @Override
    public String toString() { return "sst" + generation; }
}
