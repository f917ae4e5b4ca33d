package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.server.cql.ExecutionContext;

/** Who may create and drop triggers: as in Cassandra, superusers, when clients log in (everyone otherwise). */
final class TriggerAccess {
    private TriggerAccess() {}

    /** {@code message}: Cassandra's, which differs between CREATE and DROP ("perfrom DROP TRIGGER"). */
    static void ensureSuperuser(ExecutionContext context, String message) {
        if (context.client().user() != null && !context.access().superuser()) throw new UnauthorizedException(message);
    }
}
