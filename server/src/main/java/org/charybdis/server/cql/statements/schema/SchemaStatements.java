package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.AlterKeyspaceStatement;
import org.charybdis.cql.syntax.AlterMaterializedViewStatement;
import org.charybdis.cql.syntax.AlterTableStatement;
import org.charybdis.cql.syntax.AlterTypeStatement;
import org.charybdis.cql.syntax.CreateAggregateStatement;
import org.charybdis.cql.syntax.CreateFunctionStatement;
import org.charybdis.cql.syntax.CreateIndexStatement;
import org.charybdis.cql.syntax.CreateKeyspaceStatement;
import org.charybdis.cql.syntax.CreateMaterializedViewStatement;
import org.charybdis.cql.syntax.CreateTableStatement;
import org.charybdis.cql.syntax.CreateTriggerStatement;
import org.charybdis.cql.syntax.CreateTypeStatement;
import org.charybdis.cql.syntax.DropAggregateStatement;
import org.charybdis.cql.syntax.DropFunctionStatement;
import org.charybdis.cql.syntax.DropIndexStatement;
import org.charybdis.cql.syntax.DropKeyspaceStatement;
import org.charybdis.cql.syntax.DropMaterializedViewStatement;
import org.charybdis.cql.syntax.DropTableStatement;
import org.charybdis.cql.syntax.DropTriggerStatement;
import org.charybdis.cql.syntax.DropTypeStatement;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.syntax.SchemaStatement;
import org.charybdis.cql.syntax.TruncateStatement;
import org.charybdis.cql.syntax.UseStatement;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.udf.UserFunctionLookup;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;

/** Compiles DDL, USE and TRUNCATE into executable statements. */
public final class SchemaStatements {
    private SchemaStatements() {}

    public static CqlStatement compile(SchemaStatement statement, ClientState client, Schema schema) {
        return switch (statement) {
            case CreateKeyspaceStatement s -> new CreateKeyspace(s);
            case AlterKeyspaceStatement s -> new AlterKeyspace(s);
            case DropKeyspaceStatement s -> new DropKeyspace(s);
            case CreateTableStatement s -> new CreateTable(s, keyspaceOf(s.table(), client));
            case AlterTableStatement s -> new AlterTable(s, keyspaceOf(s.table(), client));
            case DropTableStatement s -> new DropTable(s, keyspaceOf(s.table(), client));
            case CreateTypeStatement s -> new CreateType(s, keyspaceOf(s.type(), client));
            case AlterTypeStatement s -> new AlterType(s, keyspaceOf(s.type(), client));
            case DropTypeStatement s -> new DropType(s, keyspaceOf(s.type(), client));
            case CreateIndexStatement s -> new CreateIndex(s, keyspaceOf(s.table(), client));
            case DropIndexStatement s -> new DropIndex(s, keyspaceOf(s.index(), client));
            case CreateMaterializedViewStatement s -> new CreateView(s, keyspaceOf(s.view(), client));
            case AlterMaterializedViewStatement s -> new AlterView(s, keyspaceOf(s.view(), client));
            case DropMaterializedViewStatement s -> new DropView(s, keyspaceOf(s.view(), client));
            case CreateFunctionStatement s -> new CreateFunction(s, keyspaceOf(s.function(), client), UserFunctionLookup.currentSettings());
            case DropFunctionStatement s -> new DropFunction(s, keyspaceOf(s.function(), client));
            case CreateAggregateStatement s -> new CreateAggregate(s, keyspaceOf(s.aggregate(), client), UserFunctionLookup.currentSettings());
            case DropAggregateStatement s -> new DropAggregate(s, keyspaceOf(s.aggregate(), client));
            case CreateTriggerStatement s -> new CreateTrigger(s, keyspaceOf(s.table(), client));
            case DropTriggerStatement s -> new DropTrigger(s, keyspaceOf(s.table(), client));
        };
    }

    public static CqlStatement compileUse(UseStatement statement, Schema schema) {
        return new UseKeyspace(statement.keyspace(), schema);
    }

    public static CqlStatement compileTruncate(TruncateStatement statement, ClientState client, Schema schema) {
        return new TruncateTable(keyspaceOf(statement.table(), client), statement.table().name(), schema);
    }

    /** The schema change a compiled DDL statement makes to {@code current}, without applying it (tools, tests). */
    public static SchemaUpdate changeOf(CqlStatement statement, Schema current, long nowMicros) {
        if (!(statement instanceof SchemaChangeStatement change)) {
            throw new IllegalArgumentException("not a schema change: " + statement.getClass().getSimpleName());
        }
        return change.apply(current, nowMicros);
    }

    private static String keyspaceOf(QualifiedName name, ClientState client) {
        return client.keyspaceOr(name.keyspace());
    }
}
