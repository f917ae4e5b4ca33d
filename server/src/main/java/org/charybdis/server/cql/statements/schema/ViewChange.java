package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;

/** ALTER or DROP MATERIALIZED VIEW [IF EXISTS]: finds the view (ALTER on its base is the permission it needs), then changes it. */
abstract class ViewChange extends SchemaChangeStatement {
    final String keyspace;
    final String name;
    private final boolean ifExists;

    ViewChange(String keyspace, String name, boolean ifExists) {
        this.keyspace = keyspace;
        this.name = name;
        this.ifExists = ifExists;
    }

    /** The next schema, given the existing view. */
    abstract SchemaUpdate change(Schema current, KeyspaceMetadata ks, TableMetadata view);

    @Override
    public void checkAccess(ExecutionContext context) {
        TableMetadata view = context.server().schema().current().table(keyspace, name);
        if (view != null && view.isView()) context.access().ensureTable(Permission.ALTER, keyspace, view.view().baseTableName());
    }

    @Override
    final SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        TableMetadata view = ks == null ? null : ks.table(name);
        if (view == null || !view.isView()) {
            if (ifExists) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Materialized view '" + keyspace + "." + name + "' doesn't exist");
        }
        return change(current, ks, view);
    }
}
