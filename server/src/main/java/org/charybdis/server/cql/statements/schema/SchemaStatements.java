package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.SchemaStatement;
import org.charybdis.cql.syntax.TruncateStatement;
import org.charybdis.cql.syntax.UseStatement;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.schema.Schema;

/** Compiles DDL, USE and TRUNCATE. (Placeholder until the schema statements land.) */
public final class SchemaStatements {
    private SchemaStatements() {}

    public static CqlStatement compile(SchemaStatement statement, ClientState client, Schema schema) {
        throw new InvalidRequestException("Schema statements are not available in this build");
    }

    public static CqlStatement compileUse(UseStatement statement, Schema schema) {
        throw new InvalidRequestException("USE is not available in this build");
    }

    public static CqlStatement compileTruncate(TruncateStatement statement, ClientState client, Schema schema) {
        throw new InvalidRequestException("TRUNCATE is not available in this build");
    }
}
