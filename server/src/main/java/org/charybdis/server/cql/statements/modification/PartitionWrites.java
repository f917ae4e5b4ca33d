package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.cql.statements.schema.TableDefinitions;
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
 * Filled on the calling shard, then handed to the owning shards by {@link MutationDispatcher}.
 */
final class PartitionWrites {
    /** Cassandra's limit on a key component (its length travels in two bytes). */
    static final int MAX_KEY_COMPONENT_LENGTH = 0xFFFF;

    private final Map<Target, Partition> partitions = new LinkedHashMap<>();

    private record Target(UUID tableId, ByteBuffer key) {}

    /** The partition's pending update, created on first use. */
    Partition partition(TableMetadata table, List<ByteBuffer> keyComponents) {
        for (ByteBuffer component : keyComponents) checkKeyLength(component);
        ByteBuffer key = PartitionKeys.serialize(keyComponents);
        if (!key.hasRemaining()) throw new InvalidRequestException("Key may not be empty"); // a lone empty component

        return partitions.computeIfAbsent(new Target(table.id(), key), t -> new Partition(table, DecoratedKey.of(key)));
    }

    Collection<Partition> partitions() {
        return partitions.values();
    }

    boolean isEmpty() {
        return partitions.isEmpty();
    }

    static void checkKeyLength(ByteBuffer component) {
        if (component.remaining() > MAX_KEY_COMPONENT_LENGTH) {
            throw new InvalidRequestException("Key length of " + component.remaining() + " is longer than maximum of "
                    + MAX_KEY_COMPONENT_LENGTH);
        }
    }

    /** One partition's update under construction, plus the writes that must first read the stored row. */
    static final class Partition {
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
            this.counterTable = TableDefinitions.isCounterTable(table);
        }

        /** Writes of counter tables read their counters first and run in the partition's turn (see {@link CounterWrites}). */
        boolean isCounterTable() { return counterTable; }

        TableMetadata table() { return table; }

        DecoratedKey key() { return key; }

        PartitionUpdate.Builder builder() { return builder; }

        RowUpdate row(Clustering clustering) {
            return builder.row(clustering);
        }

        /**
         * Defers a write that needs the column's current cells in that row (list index operations): it
         * runs on the owning shard with the live cells, in path order (empty when there are none).
         */
        void afterRead(Clustering clustering, int column, Consumer<List<Cell>> write) {
            reads.add(new ReadBeforeWrite(clustering, column, write));
        }

        List<ReadBeforeWrite> reads() { return reads; }

        /** Adds {@code delta} to the counter's pending increment; the total is computed on the owning shard. */
        void increment(Clustering clustering, int column, long delta, long timestamp) {
            if (increments == null) increments = new CounterIncrements();
            increments.add(clustering, column, delta, timestamp);
        }

        /** The pending counter increments, or null when there are none. */
        CounterIncrements increments() { return increments; }
    }

    record ReadBeforeWrite(Clustering clustering, int column, Consumer<List<Cell>> write) {}
}
