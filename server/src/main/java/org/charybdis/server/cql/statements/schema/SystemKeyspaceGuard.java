package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.server.system.SystemKeyspaces;

/** Refuses DDL on the system keyspaces with Cassandra's messages. */
final class SystemKeyspaceGuard {
    private SystemKeyspaceGuard() {}

    /** Tables and types of the node-local system keyspaces cannot be created, altered or dropped. */
    static void checkModifiable(String keyspace) {
        if (SystemKeyspaces.isLocal(keyspace)) {
            throw new UnauthorizedException(keyspace + " keyspace is not user-modifiable.");
        }
    }

    /** Triggers may not be created in or dropped from the node-local system keyspaces (Cassandra's InvalidRequest). */
    static void checkTriggersModifiable(String keyspace) {
        if (SystemKeyspaces.isLocal(keyspace)) throw notUserModifiable(keyspace);
    }

    /** Cassandra's refusal of functions and triggers in system keyspaces: an InvalidRequest, unlike that of tables. */
    static InvalidRequestException notUserModifiable(String keyspace) {
        return new InvalidRequestException("System keyspace '" + keyspace + "' is not user-modifiable");
    }

    /** The replicated system keyspaces (system_auth, ...) may be altered but never dropped. */
    static void checkDroppable(String keyspace) {
        checkModifiable(keyspace);
        if (SystemKeyspaces.isReplicated(keyspace)) {
            throw new UnauthorizedException("Cannot DROP <keyspace " + keyspace + ">");
        }
    }
}
