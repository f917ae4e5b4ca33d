package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableParams;

import java.util.ArrayList;
import java.util.List;

/**
 * A materialized view as DESCRIBE shows it, laid out as Cassandra 5.0 prints it: the SELECT ({@code *} or the view's
 * columns), FROM, WHERE and PRIMARY KEY on their own lines, then the table options but {@code default_time_to_live},
 * which a view cannot set.
 */
record ViewElement(TableMetadata view) implements SchemaElement {

    @Override
    public String keyspace() {
        return view.keyspace();
    }

    @Override
    public String kind() {
        return "materialized_view";
    }

    @Override
    public String name() {
        return view.name();
    }

    @Override
    public String createStatement(boolean withInternals) {
        StringBuilder out = new StringBuilder(2048);
        out.append("CREATE MATERIALIZED VIEW ").append(CqlText.qualified(view.keyspace(), view.name())).append(" AS\n")
                .append("    SELECT ").append(view.view().includeAllColumns() ? "*" : TableElement.names(view.allColumns())).append('\n')
                .append("    FROM ").append(CqlText.qualified(view.keyspace(), view.view().baseTableName())).append('\n')
                .append("    WHERE ").append(view.view().whereClause()).append('\n')
                .append("    PRIMARY KEY (").append(primaryKey()).append(")\n")
                .append(" WITH ").append(String.join("\n    AND ", options(withInternals))).append(';');
        return out.toString();
    }

    private String primaryKey() {
        List<ColumnMetadata> partitionKey = view.partitionKey();
        String partition = partitionKey.size() > 1 ? "(" + TableElement.names(partitionKey) + ")" : TableElement.names(partitionKey);
        return view.clustering().isEmpty() ? partition : partition + ", " + TableElement.names(view.clustering());
    }

    private List<String> options(boolean withInternals) {
        List<String> options = new ArrayList<>();
        if (withInternals) options.add("ID = " + view.id());
        if (!view.clustering().isEmpty()) options.add(TableElement.clusteringOrder(view));
        String ttl = TableParams.DEFAULT_TIME_TO_LIVE + " = ";
        for (String option : TableOptionsCql.options(view.params())) if (!option.startsWith(ttl)) options.add(option);
        return options;
    }
}
