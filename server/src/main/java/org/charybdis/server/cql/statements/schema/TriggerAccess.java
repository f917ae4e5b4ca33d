package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.server.cql.ExecutionContext;

/** Who may create and drop triggers: as in Cassandra, superusers, when clients log in (everyone otherwise). */
final class TriggerAccess {
    private TriggerAccess() {}

    static void ensureSuperuser(ExecutionContext context, String statement) {
        if (context.client().user() != null && !context.access().superuser()) {
            throw new UnauthorizedException("Only superusers are allowed to perform " + statement + " queries");
        }
    }
}
