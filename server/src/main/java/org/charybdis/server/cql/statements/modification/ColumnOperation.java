package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.service.PartitionWrites;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Clustering;

/**
 * One compiled write to one non-key column of a row: an INSERT value, an UPDATE assignment or a DELETE
 * target. Immutable; values are bound at execution.
 */
interface ColumnOperation {
    ColumnMetadata column();

    /** Writes this operation's cells into the row {@code clustering} of the partition ({@link Clustering#STATIC} for static columns). */
    void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters parameters);
}
