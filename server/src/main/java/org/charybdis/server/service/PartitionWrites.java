package org.charybdis.server.service;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Collects what one statement or one batch writes, one update per (table, partition): all writes of a
 * batch to the same partition end up in a single {@link PartitionUpdate}, applied atomically on its shard.
 * Filled on the calling shard by the statements, then handed to the owning shards by {@link StorageProxy}.
 */
public final class PartitionWrites {
    /** Cassandra's limit on a key component (its length travels in two bytes). */
    public static final int MAX_KEY_COMPONENT_LENGTH = 0xFFFF;

    private final Map<Target, Partition> partitions = new LinkedHashMap<>();

    private record Target(UUID tableId, ByteBuffer key) {}

    /** The partition's pending update, created on first use. */
    public Partition partition(TableMetadata table, List<ByteBuffer> keyComponents) {
        for (ByteBuffer component : keyComponents) checkKeyLength(component);
        ByteBuffer key = PartitionKeys.serialize(keyComponents);
        if (!key.hasRemaining()) throw new InvalidRequestException("Key may not be empty"); // a lone empty component

        return partitions.computeIfAbsent(new Target(table.id(), key), t -> new Partition(table, DecoratedKey.of(key)));
    }

    public Collection<Partition> partitions() {
        return partitions.values();
    }

    public boolean isEmpty() {
        return partitions.isEmpty();
    }

    public static void checkKeyLength(ByteBuffer component) {
        if (component.remaining() > MAX_KEY_COMPONENT_LENGTH) {
            throw new InvalidRequestException("Key length of " + component.remaining() + " is longer than maximum of "
                    + MAX_KEY_COMPONENT_LENGTH);
        }
    }

    /** One partition's update under construction, plus the writes that must first read the stored row. */
    public static final class Partition {
        private final TableMetadata table;
        private final DecoratedKey key;
        private final PartitionUpdate.Builder builder;
        private final List<ReadBeforeWrite> reads = new ArrayList<>(0);
        private final boolean counterTable;
        private CounterIncrements increments; // created by the first counter increment

        private Partition(TableMetadata table, DecoratedKey key) {
            this.table = table;
            this.key = key;
            this.builder = PartitionUpdate.builder(key);
            this.counterTable = table.isCounterTable();
        }

        /** Writes of counter tables read their counters first and run in the partition's turn (see {@link CounterWrites}). */
        public boolean isCounterTable() { return counterTable; }

        public TableMetadata table() { return table; }

        public DecoratedKey key() { return key; }

        public PartitionUpdate.Builder builder() { return builder; }

        public RowUpdate row(Clustering clustering) {
            return builder.row(clustering);
        }

        /**
         * Defers a write that needs the column's current cells in that row (list index operations): it
         * runs on the owning shard with the live cells, in path order (empty when there are none).
         */
        public void afterRead(Clustering clustering, int column, Consumer<List<Cell>> write) {
            reads.add(new ReadBeforeWrite(clustering, column, write));
        }

        public List<ReadBeforeWrite> reads() { return reads; }

        /** Adds {@code delta} to the counter's pending increment; the total is computed on the owning shard. */
        public void increment(Clustering clustering, int column, long delta, long timestamp) {
            if (increments == null) increments = new CounterIncrements();
            increments.add(clustering, column, delta, timestamp);
        }

        /** The pending counter increments, or null when there are none. */
        public CounterIncrements increments() { return increments; }
    }

    public record ReadBeforeWrite(Clustering clustering, int column, Consumer<List<Cell>> write) {}
}
