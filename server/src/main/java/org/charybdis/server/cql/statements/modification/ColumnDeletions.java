package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.service.PartitionWrites;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Clustering;

import java.nio.ByteBuffer;

/** The targets of {@code DELETE cols FROM ...}: whole columns, collection elements, UDT fields. */
final class ColumnDeletions {
    private ColumnDeletions() {}

    /** {@code DELETE c}: a cell tombstone, or a whole-collection deletion for a multi-cell column. */
    record DeleteColumn(ColumnMetadata column) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            if (column.type().isMultiCell()) partition.row(clustering).deleteComplex(column.id(), p.timestamp(), p.nowInSeconds());
            else partition.row(clustering).deleteCell(column.id(), p.timestamp(), p.nowInSeconds());
        }
    }

    /** {@code DELETE s[e]} or {@code DELETE m[k]}: the element or key is the cell path. */
    record DeleteElement(ColumnMetadata column, BoundValue key) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer path = key.bind(p.context());
            if (path == null) throw new InvalidRequestException("Invalid null " + (column.type().cqlName().startsWith("map") ? "map key" : "set element"));
            if (path == QueryOptions.UNSET) return;
            partition.row(clustering).deleteCell(column.id(), path, p.timestamp(), p.nowInSeconds());
        }
    }

    /** {@code DELETE l[i]}: reads the list to find the element's path. */
    record DeleteListElement(ColumnMetadata column, BoundValue index) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            int at = ColumnWrites.listIndex(index, p);
            partition.afterRead(clustering, column.id(), cells -> {
                if (cells.isEmpty()) throw new InvalidRequestException("Attempted to delete an element from a list which is null");
                ByteBuffer path = ColumnWrites.elementPath(cells, at);
                partition.row(clustering).deleteCell(column.id(), path, p.timestamp(), p.nowInSeconds());
            });
        }
    }

    /** {@code DELETE u.f} on a non-frozen UDT. */
    record DeleteField(ColumnMetadata column, int field) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            partition.row(clustering).deleteCell(column.id(), UserType.cellPathOf(field), p.timestamp(), p.nowInSeconds());
        }
    }
}
