package org.charybdis.server.cql.statements.schema;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.List;

/** How a base table's ALTER reaches its views: a view of every column ({@code SELECT *}) gets the columns added to the base. */
final class ViewColumns {
    private ViewColumns() {}

    /** The view with the regular columns {@code after} has and {@code before} had not, when it selects every column. */
    static TableMetadata added(TableMetadata view, TableMetadata before, TableMetadata after) {
        if (!view.view().includeAllColumns()) return view;
        List<ColumnMetadata> columns = new ArrayList<>(view.allColumns());
        int nextId = view.nextColumnId();
        for (ColumnMetadata column : after.regularAndStatic()) {
            if (before.column(column.name()) != null || column.isStatic() || view.column(column.name()) != null) continue;
            columns.add(new ColumnMetadata(column.name(), ColumnMetadata.Kind.REGULAR, -1, column.type(), false, nextId++));
        }
        return nextId == view.nextColumnId() ? view : view.withColumns(columns, nextId, view.droppedColumns());
    }
}
