package org.charybdis.server.cql.statements.schema;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.ViewDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a base table's ALTER reaches its views: a view of every column ({@code SELECT *}) gets the columns added to the
 * base; a renamed base key column is renamed in every view, its WHERE clause included.
 */
final class ViewColumns {
    private ViewColumns() {}

    /** The view after its base went from {@code before} to {@code after}, {@code renames} naming renamed columns. */
    static TableMetadata follow(TableMetadata view, TableMetadata before, TableMetadata after, Map<String, String> renames) {
        return renamed(added(view, before, after), renames);
    }

    private static TableMetadata renamed(TableMetadata view, Map<String, String> renames) {
        if (renames.isEmpty()) return view;
        List<ColumnMetadata> columns = new ArrayList<>();
        for (ColumnMetadata c : view.allColumns()) {
            columns.add(new ColumnMetadata(renames.getOrDefault(c.name(), c.name()), c.kind(), c.position(), c.type(), c.reversed(), c.id()));
        }
        ViewDefinition definition = view.view();
        List<ViewDefinition.Filter> filters = new ArrayList<>();
        for (ViewDefinition.Filter f : definition.filters()) {
            filters.add(new ViewDefinition.Filter(renames.getOrDefault(f.column(), f.column()), f.operator(), f.value()));
        }
        ViewDefinition renamed = new ViewDefinition(definition.baseTableId(), definition.baseTableName(), definition.includeAllColumns(),
                ViewWhereClause.renamed(definition.whereClause(), renames), filters);
        return new TableMetadata(view.keyspace(), view.name(), view.id(), columns, view.params(), view.nextColumnId(), view.droppedColumns(),
                view.indexes(), renamed);
    }

    /** The view with the regular columns {@code after} has and {@code before} had not, when it selects every column. */
    private static TableMetadata added(TableMetadata view, TableMetadata before, TableMetadata after) {
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
