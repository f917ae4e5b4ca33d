package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.DropMaterializedViewStatement;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;

/** DROP MATERIALIZED VIEW [IF EXISTS] v: the view and its rows on every shard; the base table stays. */
final class DropView extends ViewChange {

    DropView(DropMaterializedViewStatement statement, String keyspace) {
        super(keyspace, statement.view().name(), statement.ifExists());
    }

    @Override
    SchemaUpdate change(Schema current, KeyspaceMetadata ks, TableMetadata view) {
        return new SchemaUpdate(current.with(ks.withoutTable(name)), SchemaChange.table(SchemaChange.Change.DROPPED, keyspace, name));
    }
}
