package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.service.PartitionWrites;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Clustering;

import java.nio.ByteBuffer;

/**
 * The writes of counter columns: {@code c = c + n}, {@code c = c - n} and {@code DELETE c}. Increments only
 * record their delta on the partition; {@link CounterWrites} turns them into new totals on the owning shard.
 */
final class CounterOperations {
    private CounterOperations() {}

    /** {@code c = c + n} ({@code negate} false) or {@code c = c - n}; an unset value changes nothing. */
    record Increment(ColumnMetadata column, BoundValue delta, boolean negate) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer bytes = delta.bind(p.context());
            if (bytes == QueryOptions.UNSET) return;
            if (bytes == null) throw new InvalidRequestException("Invalid null value for counter increment");
            long value = bytes.getLong(bytes.position());
            partition.increment(clustering, column.id(), negate ? -value : value, p.timestamp()); // wraps like Cassandra's
        }
    }

    /**
     * {@code DELETE c}: as in Cassandra, where a counter's tombstone wins over every counter cell whatever their
     * timestamps, a deleted counter stays deleted and later increments stay invisible (until compaction purges
     * the tombstone after gc_grace_seconds). The tombstone gets the greatest timestamp to do the same here.
     */
    record Delete(ColumnMetadata column) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            partition.row(clustering).deleteCell(column.id(), Long.MAX_VALUE, p.nowInSeconds());
        }
    }
}
