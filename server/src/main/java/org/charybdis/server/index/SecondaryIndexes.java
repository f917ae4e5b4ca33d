package org.charybdis.server.index;

/**
 * The secondary indexes of this node: one {@link ShardIndexes} per shard, each touched only by its shard's
 * thread. Index entries live beside the data they point to, so an index query asks every shard (or the one
 * owning the restricted partition).
 */
public final class SecondaryIndexes {
    private final ShardIndexes[] shards;

    public SecondaryIndexes(int shardCount) {
        shards = new ShardIndexes[shardCount];
        for (int i = 0; i < shardCount; i++) shards[i] = new ShardIndexes();
    }

    /** The indexes of one shard; use only on that shard's thread. */
    public ShardIndexes shard(int shardId) {
        return shards[shardId];
    }
}
