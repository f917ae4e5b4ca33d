package org.charybdis.server.service;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.trigger.TriggeredUpdate;
import org.charybdis.server.trigger.Triggers;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ForwardedUpdate;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The triggers' share of a write on the owning shard: the updates the triggers of the written tables add, those of
 * partitions this shard owns appended to the write (so they land in its commitlog entry, views included), the others
 * returned as forwarded updates, logged in the same entry and sent to their owners after it. All of them apply, or
 * none: Cassandra's logged batch of a trigger's mutations.
 */
final class TriggeredWrites {
    private TriggeredWrites() {}

    /** Extends {@code engines} and {@code updates} (one per partition of {@code partitions}) in place; returns the other shards' updates. */
    static List<ForwardedUpdate> add(Triggers triggers, ToIntFunction<DecoratedKey> shardOf, ShardStorage storage,
                                     List<PartitionWrites.Partition> partitions, List<TableEngine> engines, List<PartitionUpdate> updates,
                                     long now) {
        List<ForwardedUpdate> forwarded = List.of();
        for (int i = 0; i < partitions.size(); i++) {
            for (TriggeredUpdate extra : triggers.augment(partitions.get(i).table(), updates.get(i), now)) {
                if (shardOf.applyAsInt(extra.update().key()) != storage.shardId()) {
                    if (forwarded.isEmpty()) forwarded = new ArrayList<>();
                    forwarded.add(new ForwardedUpdate(extra.table().id(), extra.update()));
                    continue;
                }
                TableEngine engine = storage.table(extra.table().id());
                if (engine == null) throw new InvalidRequestException("Table " + extra.table() + " was dropped while the write was running");
                engines.add(engine);
                updates.add(extra.update());
            }
        }
        return forwarded;
    }

    /**
     * A lightweight transaction's update with its triggers' (Cassandra allows them only on the same partition of the same
     * table, as a transaction commits one partition); InvalidRequest with Cassandra's messages for any other.
     */
    static List<PartitionUpdate> samePartition(Triggers triggers, PartitionWrites.Partition partition, PartitionUpdate update, long now) {
        List<TriggeredUpdate> extra = triggers.augment(partition.table(), update, now);
        if (extra.isEmpty()) return List.of(update);
        List<PartitionUpdate> all = new ArrayList<>(extra.size() + 1);
        all.add(update);
        for (TriggeredUpdate other : extra) {
            if (!other.update().key().equals(update.key())) {
                throw new InvalidRequestException("Partition key of additional mutation does not match primary update key");
            }
            if (!other.table().id().equals(partition.table().id())) {
                throw new InvalidRequestException("table of additional mutation does not match primary update table");
            }
            all.add(other.update());
        }
        return all;
    }

    /** A counter write's triggers must add nothing: Cassandra cannot apply counter and trigger mutations atomically together. */
    static void checkCounters(Triggers triggers, List<PartitionWrites.Partition> partitions, long now) {
        for (PartitionWrites.Partition partition : partitions) {
            if (partition.table().triggers().isEmpty()) continue;
            PartitionUpdate seen = partition.increments() == null ? partition.builder().build() : partition.increments().asDeltas(partition.key(), now);
            if (!triggers.augment(partition.table(), seen, now).isEmpty()) {
                throw new InvalidRequestException("Counter mutations and trigger mutations cannot be applied together atomically.");
            }
        }
    }
}
