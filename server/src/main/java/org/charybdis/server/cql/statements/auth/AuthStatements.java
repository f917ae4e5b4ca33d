package org.charybdis.server.cql.statements.auth;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.AuthStatement;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.schema.Schema;

/** Compiles role and permission statements. (Placeholder until the auth statements land.) */
public final class AuthStatements {
    private AuthStatements() {}

    public static CqlStatement compile(AuthStatement statement, ClientState client, Schema schema) {
        throw new InvalidRequestException("Role statements are not available in this build");
    }
}
