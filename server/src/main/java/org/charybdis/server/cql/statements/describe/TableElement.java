package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableMetadata.DroppedColumn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A table as DESCRIBE shows it: columns in Cassandra's create order, the primary key, then every
 * option. With internals it also gives the table id and replays dropped columns: each is declared
 * among the columns, then dropped again {@code USING TIMESTAMP} of its drop (and re-added when a
 * column of that name exists now), so data written before the drop stays hidden after recreation.
 * A virtual table cannot be created, so it is shown inside a comment with only its comment option.
 */
record TableElement(KeyspaceMetadata keyspaceMetadata, TableMetadata table, boolean virtual) implements SchemaElement {

    @Override
    public String keyspace() {
        return table.keyspace();
    }

    @Override
    public String kind() {
        return "table";
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public String createStatement(boolean withInternals) {
        String qualified = CqlText.qualified(table.keyspace(), table.name());
        List<DroppedColumn> dropped = withInternals ? droppedColumns() : List.of();
        StringBuilder out = new StringBuilder(2048);
        boolean compact = table.compactStorage().isCompact();
        if (virtual) {
            out.append("/*\nWarning: Table ").append(qualified).append(" is a virtual table and cannot be recreated with CQL.\n")
                    .append("Structure, for reference:\nVIRTUAL");
        } else if (compact) {
            // Cassandra 5.0 no longer describes COMPACT STORAGE as CQL that recreates it
            out.append("/*\nWarning: Table ").append(qualified).append(" omitted because it has constructs not compatible with CQL")
                    .append(" (was created via legacy API).\nApproximate structure, for reference:\n")
                    .append("(this should not be used to reproduce this schema)\n\nCREATE");
        } else {
            out.append("CREATE");
        }
        out.append(" TABLE ").append(qualified).append(" (\n");
        boolean singleColumnKey = !compact && table.partitionKey().size() == 1 && table.clustering().isEmpty();
        appendColumns(out, dropped, singleColumnKey);
        if (!singleColumnKey) appendPrimaryKey(out);
        out.append(") WITH ").append(String.join("\n    AND ", options(withInternals))).append(';');
        for (DroppedColumn column : dropped) appendDropAgain(out, qualified, column);
        if (virtual || compact) out.append("\n*/"); // a compact table's dropped columns inside the comment, as Cassandra has them
        return out.toString();
    }

    private void appendColumns(StringBuilder out, List<DroppedColumn> dropped, boolean singleColumnKey) {
        List<ColumnMetadata> live = new ArrayList<>();
        for (ColumnMetadata column : ColumnOrder.inCreateOrder(table)) {
            // a column re-added after a drop is declared as dropped, then dropped and added again below
            if (!isDropped(dropped, column.name()) && !table.isHidden(column)) live.add(column);
        }
        for (int i = 0; i < live.size(); i++) {
            ColumnMetadata column = live.get(i);
            out.append("    ").append(definition(column));
            if (singleColumnKey && column.kind() == ColumnMetadata.Kind.PARTITION_KEY) out.append(" PRIMARY KEY");
            // Cassandra's comma rule, kept byte for byte (no comma after the last column of a single-key table)
            if (!singleColumnKey || !dropped.isEmpty() || i + 1 < live.size()) out.append(',');
            out.append('\n');
        }
        for (int i = 0; i < dropped.size(); i++) {
            DroppedColumn column = dropped.get(i);
            out.append("    ").append(CqlText.name(column.name())).append(' ')
                    .append(DroppedColumnTypes.describe(column.type(), keyspaceMetadata));
            if ("static".equals(column.kind())) out.append(" static");
            if (!singleColumnKey || i + 1 < dropped.size()) out.append(',');
            out.append('\n');
        }
    }

    private void appendPrimaryKey(StringBuilder out) {
        out.append("    PRIMARY KEY (");
        List<ColumnMetadata> partitionKey = table.partitionKey();
        if (partitionKey.size() > 1) out.append('(').append(names(partitionKey)).append(')');
        else out.append(CqlText.name(partitionKey.getFirst().name()));
        List<ColumnMetadata> clustering = table.clustering().stream().filter(c -> !table.isHidden(c)).toList();
        if (!clustering.isEmpty()) out.append(", ").append(names(clustering));
        out.append(")\n");
    }

    private List<String> options(boolean withInternals) {
        List<String> options = new ArrayList<>();
        if (table.compactStorage().isCompact()) options.add("COMPACT STORAGE");
        if (withInternals) options.add("ID = " + table.id());
        if (!table.clustering().isEmpty()) options.add(clusteringOrder(table));
        if (virtual) options.add("comment = " + CqlText.quoted(String.valueOf(table.params().get("comment"))));
        else options.addAll(TableOptionsCql.options(table.params()));
        return options;
    }

    /** {@code CLUSTERING ORDER BY (c ASC, ...)} of a table with clustering columns. */
    static String clusteringOrder(TableMetadata table) {
        List<String> order = new ArrayList<>();
        for (ColumnMetadata c : table.clustering()) order.add(CqlText.name(c.name()) + (c.reversed() ? " DESC" : " ASC"));
        return "CLUSTERING ORDER BY (" + String.join(", ", order) + ")";
    }

    private void appendDropAgain(StringBuilder out, String qualified, DroppedColumn column) {
        out.append("\nALTER TABLE ").append(qualified).append(" DROP ").append(CqlText.name(column.name()))
                .append(" USING TIMESTAMP ").append(column.droppedAtMicros()).append(';');
        ColumnMetadata readded = table.column(column.name());
        if (readded != null) out.append("\nALTER TABLE ").append(qualified).append(" ADD ").append(definition(readded)).append(';');
    }

    /** Dropped columns by name, the order Cassandra reads them back from its schema tables. */
    private List<DroppedColumn> droppedColumns() {
        List<DroppedColumn> dropped = new ArrayList<>(table.droppedColumns().values());
        dropped.sort(Comparator.comparing(DroppedColumn::name));
        return dropped;
    }

    private static boolean isDropped(List<DroppedColumn> dropped, String name) {
        for (DroppedColumn column : dropped) if (column.name().equals(name)) return true;
        return false;
    }

    /** A compact table's columns are static only inside, so Cassandra writes them without the word. */
    private String definition(ColumnMetadata column) {
        boolean shownStatic = column.isStatic() && !table.compactStorage().isCompact();
        return CqlText.name(column.name()) + ' ' + column.type().cqlName() + (shownStatic ? " static" : "")
                + (column.mask() == null ? "" : " MASKED WITH system." + column.mask().toCql());
    }

    static String names(List<ColumnMetadata> columns) {
        List<String> names = new ArrayList<>(columns.size());
        for (ColumnMetadata c : columns) names.add(CqlText.name(c.name()));
        return String.join(", ", names);
    }
}
