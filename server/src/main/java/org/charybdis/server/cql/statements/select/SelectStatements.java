package org.charybdis.server.cql.statements.select;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.SelectStatement;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.schema.Schema;

/** Compiles SELECT. (Placeholder until the select statements land.) */
public final class SelectStatements {
    private SelectStatements() {}

    public static CqlStatement compile(SelectStatement statement, ClientState client, Schema schema) {
        throw new InvalidRequestException("SELECT is not available in this build");
    }
}
