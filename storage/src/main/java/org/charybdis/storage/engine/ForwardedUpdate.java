package org.charybdis.storage.engine;

import org.charybdis.storage.data.PartitionUpdate;

import java.util.UUID;

/**
 * An update of a table whose partition another shard owns (a materialized view row of a base row written here): it
 * travels in this shard's commitlog entry beside the write it follows from, so a crash never keeps one without the
 * other, but this shard never applies it; a {@link ForwardSender} takes it to its owner, and the entry is kept until it
 * is durable there. Replay hands it back to be sent again ({@link ShardStorage#resendReplayedForwards}), which is
 * harmless: applying an update twice changes nothing.
 * In the log it is recorded under {@link #logId} of its table, an id no table has, so replay tells it apart.
 */
public record ForwardedUpdate(UUID tableId, PartitionUpdate update) {
    private static final long LOG_ID_MASK = 0x5f0a_4d3e_77c1_9b26L;

    /** The id a forwarded update of {@code tableId} is logged under; {@code logId(logId(id)) == id}. */
    public static UUID logId(UUID tableId) {
        return new UUID(tableId.getMostSignificantBits(), tableId.getLeastSignificantBits() ^ LOG_ID_MASK);
    }
}
