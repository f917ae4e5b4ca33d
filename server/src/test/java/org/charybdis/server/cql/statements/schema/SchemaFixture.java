package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.CqlParser;
import org.charybdis.cql.syntax.SchemaStatement;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.system.SystemKeyspaces;

import static org.assertj.core.api.Assertions.catchThrowable;

/** Runs DDL against an in-memory schema, as the schema owner would, without a running server. */
final class SchemaFixture {
    static final long NOW_MICROS = 1_700_000_000_000_000L;

    Schema schema = SystemKeyspaces.initialSchema();
    SchemaUpdate lastUpdate;

    SchemaFixture execute(String cql) {
        lastUpdate = apply(cql);
        schema = lastUpdate.next();
        return this;
    }

    SchemaUpdate apply(String cql) {
        SchemaStatement ast = (SchemaStatement) CqlParser.parse(cql);
        SchemaChangeStatement statement = (SchemaChangeStatement) SchemaStatements.compile(ast, ClientState.internal(ProtocolVersion.V5), schema);
        return statement.apply(schema, NOW_MICROS);
    }

    Throwable error(String cql) {
        return catchThrowable(() -> apply(cql));
    }

    static SchemaFixture withKeyspace() {
        return new SchemaFixture().execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }
}
