package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.BatchStatement;
import org.charybdis.cql.syntax.ModificationStatement;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.schema.Schema;

/** Compiles INSERT, UPDATE, DELETE and BATCH. (Placeholder until the modification statements land.) */
public final class ModificationStatements {
    private ModificationStatements() {}

    public static CqlStatement compile(ModificationStatement statement, ClientState client, Schema schema) {
        throw new InvalidRequestException("INSERT, UPDATE and DELETE are not available in this build");
    }

    public static CqlStatement compileBatch(BatchStatement statement, ClientState client, Schema schema) {
        throw new InvalidRequestException("BATCH is not available in this build");
    }
}
