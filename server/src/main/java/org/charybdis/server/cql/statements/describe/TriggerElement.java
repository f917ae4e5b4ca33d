package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TriggerMetadata;

/**
 * A trigger as DESCRIBE shows it, after its table's indexes: {@code CREATE TRIGGER name ON ks.t USING 'class';}, so
 * that a schema dump recreates it (as the drivers' schema export does).
 */
record TriggerElement(TableMetadata table, TriggerMetadata trigger) implements SchemaElement {

    @Override
    public String keyspace() {
        return table.keyspace();
    }

    @Override
    public String kind() {
        return "trigger";
    }

    @Override
    public String name() {
        return trigger.name();
    }

    @Override
    public String createStatement(boolean withInternals) {
        return "CREATE TRIGGER " + CqlText.name(trigger.name()) + " ON " + CqlText.qualified(table.keyspace(), table.name())
                + " USING " + CqlText.quoted(trigger.className()) + ";";
    }
}
