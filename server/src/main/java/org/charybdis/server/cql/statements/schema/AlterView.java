package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.AlterMaterializedViewStatement;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableParams;

/** ALTER MATERIALIZED VIEW [IF EXISTS] v WITH options: the view's table options, as Cassandra allows them. */
final class AlterView extends ViewChange {
    private final AlterMaterializedViewStatement statement;

    AlterView(AlterMaterializedViewStatement statement, String keyspace) {
        super(keyspace, statement.view().name(), statement.ifExists());
        this.statement = statement;
    }

    @Override
    SchemaUpdate change(Schema current, KeyspaceMetadata ks, TableMetadata view) {
        if (TableProperties.tableId(statement.options().properties()) != null) throw new ConfigurationException("Cannot alter table id.");
        TableParams params = TableProperties.apply(view.params(), statement.options().properties());
        StorageEngineOption.checkUnchanged(view, params);
        if (params.defaultTimeToLive() > 0) {
            throw new InvalidRequestException("Forbidden default_time_to_live detected for a materialized view. Data in a materialized view always"
                    + " expire at the same time than the corresponding data in the parent table. default_time_to_live must be set to zero, see"
                    + " CASSANDRA-12868 for more information");
        }
        return new SchemaUpdate(current.with(ks.withTable(view.withParams(params))), SchemaChange.table(SchemaChange.Change.UPDATED, keyspace, name));
    }
}
