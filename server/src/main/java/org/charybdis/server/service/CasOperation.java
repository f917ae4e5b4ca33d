package org.charybdis.server.service;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;

/**
 * The conditional part of a lightweight transaction, as the statements compiled it: what to read, and how to judge
 * what was read. {@link StorageProxy#cas} runs it on the owning shard, in the partition's turn.
 *
 * @param <R> the answer the client gets
 */
public interface CasOperation<R> {
    /** The rows and columns the conditions look at. */
    ReadFilter readFilter(ClusteringComparator comparator);

    /** Judges the current rows (null: the partition has none): whether the update applies, and the answer. */
    Decision<R> decide(PartitionView current);

    /**
     * @param apply           whether to write the transaction's update
     * @param newestTimestamp the newest write timestamp among the rows read (the update is written above it)
     * @param answer          what the client gets
     */
    record Decision<R>(boolean apply, long newestTimestamp, R answer) {}
}
