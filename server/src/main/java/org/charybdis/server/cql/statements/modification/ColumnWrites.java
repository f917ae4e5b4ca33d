package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.service.PartitionWrites;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.types.CollectionCell;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.RowUpdate;

import java.nio.ByteBuffer;
import java.util.List;

/** The assignments of INSERT and UPDATE: whole values, collection additions and removals, elements and fields. */
final class ColumnWrites {
    private ColumnWrites() {}

    /** {@code c = v} on a simple (or frozen) column; null writes a cell tombstone. */
    record SetSimple(ColumnMetadata column, BoundValue value) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer bytes = value.bind(p.context());
            if (bytes == QueryOptions.UNSET) return;
            RowUpdate row = partition.row(clustering);
            if (bytes == null) row.deleteCell(column.id(), p.timestamp(), p.nowInSeconds());
            else row.cell(column.id(), bytes, p.timestamp(), p.ttl(), p.nowInSeconds());
        }
    }

    /** {@code c = v} on a non-frozen collection or UDT: the old content is deleted just before the new one. */
    record Overwrite(ColumnMetadata column, BoundValue value) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer bytes = value.bind(p.context());
            if (bytes == QueryOptions.UNSET) return;
            RowUpdate row = partition.row(clustering);
            if (bytes == null) {
                row.deleteComplex(column.id(), p.timestamp(), p.nowInSeconds());
                return;
            }
            row.deleteComplex(column.id(), p.timestamp() - 1, p.nowInSeconds());
            writeCells(row, column, cellsOf(column.type(), bytes), p);
        }
    }

    /** {@code l = l + [..]}, {@code s = s + {..}}, {@code m = m + {..}}: adds elements; null adds nothing. */
    record AddElements(ColumnMetadata column, BoundValue value) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer bytes = value.bind(p.context());
            if (bytes == null || bytes == QueryOptions.UNSET) return;
            writeCells(partition.row(clustering), column, cellsOf(column.type(), bytes), p);
        }
    }

    /** {@code l = [..] + l}. */
    record Prepend(ColumnMetadata column, BoundValue value) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer bytes = value.bind(p.context());
            if (bytes == null || bytes == QueryOptions.UNSET) return;
            List<ByteBuffer> elements = CollectionBytes.elements(bytes);
            ByteBuffer[] paths = ListCellPaths.current().prepend(elements.size());
            RowUpdate row = partition.row(clustering);
            for (int i = 0; i < paths.length; i++) {
                row.cell(column.id(), paths[i], elements.get(i), p.timestamp(), p.ttl(), p.nowInSeconds());
            }
        }
    }

    /** {@code s = s - {..}} and {@code m = m - {keys}}: the value is a set of elements or keys (cell paths). */
    record RemoveElements(ColumnMetadata column, BoundValue keys) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer bytes = keys.bind(p.context());
            if (bytes == null || bytes == QueryOptions.UNSET) return;
            RowUpdate row = partition.row(clustering);
            for (ByteBuffer path : CollectionBytes.elements(bytes)) {
                row.deleteCell(column.id(), path, p.timestamp(), p.nowInSeconds());
            }
        }
    }

    /** {@code l = l - [..]}: deletes every element equal to one of the values; reads the list first. */
    record RemoveFromList(ColumnMetadata column, BoundValue values) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer bytes = values.bind(p.context());
            if (bytes == null || bytes == QueryOptions.UNSET) return;
            List<ByteBuffer> removed = CollectionBytes.elements(bytes);
            CqlType element = ((ListType) column.type()).elementType();
            partition.afterRead(clustering, column.id(), cells -> {
                RowUpdate row = partition.row(clustering);
                for (Cell cell : cells) {
                    for (ByteBuffer r : removed) {
                        if (element.compare(cell.value(), r) == 0) {
                            row.deleteCell(column.id(), cell.path(), p.timestamp(), p.nowInSeconds());
                            break;
                        }
                    }
                }
            });
        }
    }

    /** {@code m[k] = v}; a null value deletes the entry. */
    record SetMapEntry(ColumnMetadata column, BoundValue key, BoundValue value) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer k = key.bind(p.context());
            if (k == null) throw new InvalidRequestException("Invalid null map key");
            if (k == QueryOptions.UNSET) throw new InvalidRequestException("Invalid unset map key");
            ByteBuffer v = value.bind(p.context());
            if (v == QueryOptions.UNSET) return;
            RowUpdate row = partition.row(clustering);
            if (v == null) row.deleteCell(column.id(), k, p.timestamp(), p.nowInSeconds());
            else row.cell(column.id(), k, v, p.timestamp(), p.ttl(), p.nowInSeconds());
        }
    }

    /** {@code l[i] = v}; reads the list to find the element's path; a null value deletes the element. */
    record SetListElement(ColumnMetadata column, BoundValue index, BoundValue value) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            int at = listIndex(index, p);
            ByteBuffer v = value.bind(p.context());
            if (v == QueryOptions.UNSET) return;
            partition.afterRead(clustering, column.id(), cells -> {
                if (cells.isEmpty()) throw new InvalidRequestException("Attempted to set an element on a list which is null");
                ByteBuffer path = elementPath(cells, at);
                RowUpdate row = partition.row(clustering);
                if (v == null) row.deleteCell(column.id(), path, p.timestamp(), p.nowInSeconds());
                else row.cell(column.id(), path, v, p.timestamp(), p.ttl(), p.nowInSeconds());
            });
        }
    }

    /** {@code u.f = v} on a non-frozen UDT; null deletes the field. */
    record SetField(ColumnMetadata column, int field, BoundValue value) implements ColumnOperation {
        @Override
        public void execute(PartitionWrites.Partition partition, Clustering clustering, UpdateParameters p) {
            ByteBuffer v = value.bind(p.context());
            if (v == QueryOptions.UNSET) return;
            RowUpdate row = partition.row(clustering);
            ByteBuffer path = UserType.cellPathOf(field);
            if (v == null) row.deleteCell(column.id(), path, p.timestamp(), p.nowInSeconds());
            else row.cell(column.id(), path, v, p.timestamp(), p.ttl(), p.nowInSeconds());
        }
    }

    static int listIndex(BoundValue index, UpdateParameters p) {
        ByteBuffer bytes = index.bind(p.context());
        if (bytes == null) throw new InvalidRequestException("Invalid null value for list index");
        if (bytes == QueryOptions.UNSET) throw new InvalidRequestException("Invalid unset value for list index");
        return bytes.getInt(bytes.position());
    }

    /** The path of the list's element at that index, or Cassandra's out-of-bound error. */
    static ByteBuffer elementPath(List<Cell> cells, int index) {
        if (index < 0 || index >= cells.size()) {
            throw new InvalidRequestException("List index " + index + " out of bound, list has size " + cells.size());
        }
        return cells.get(index).path();
    }

    /** A non-frozen collection or UDT value split into its cells; list elements get fresh appended paths. */
    static List<CollectionCell> cellsOf(CqlType type, ByteBuffer value) {
        return switch (type) {
            case ListType list -> list.toCells(value, ListCellPaths.current()::append);
            case SetType set -> set.toCells(value);
            case MapType map -> map.toCells(value);
            case UserType udt -> udt.toCells(value);
            default -> throw new IllegalStateException("not a multi-cell type: " + type.cqlName());
        };
    }

    private static void writeCells(RowUpdate row, ColumnMetadata column, List<CollectionCell> cells, UpdateParameters p) {
        for (CollectionCell cell : cells) {
            row.cell(column.id(), cell.path(), cell.value(), p.timestamp(), p.ttl(), p.nowInSeconds());
        }
    }
}
