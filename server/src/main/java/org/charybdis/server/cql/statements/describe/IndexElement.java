package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.util.Map;

/** A secondary index as DESCRIBE shows it: {@code CREATE [CUSTOM] INDEX name ON ks.t (target) [USING 'class'] [WITH OPTIONS = {...}];}. */
record IndexElement(TableMetadata table, IndexMetadata index) implements SchemaElement {

    @Override
    public String keyspace() {
        return table.keyspace();
    }

    @Override
    public String kind() {
        return "index";
    }

    @Override
    public String name() {
        return index.name();
    }

    @Override
    public String createStatement(boolean withInternals) {
        StringBuilder out = new StringBuilder(index.className() == null ? "CREATE INDEX " : "CREATE CUSTOM INDEX ");
        out.append(CqlText.name(index.name())).append(" ON ").append(CqlText.qualified(table.keyspace(), table.name()))
                .append(" (").append(index.targetText()).append(')');
        if (index.className() != null) out.append(" USING ").append(CqlText.quoted(index.className()));
        Map<String, String> options = index.options();
        if (!options.isEmpty()) out.append(" WITH OPTIONS = ").append(CqlText.map(options));
        return out.append(';').toString();
    }
}
