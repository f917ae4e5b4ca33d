package org.charybdis.server.cql;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.ConsistencyLevel;

/**
 * Consistency levels a single node accepts as Cassandra does: every level is honoured (there is one
 * replica), except the combinations Cassandra refuses outright.
 */
public final class ConsistencyChecks {
    private ConsistencyChecks() {}

    public static void forRead(ConsistencyLevel level) {
        if (level == ConsistencyLevel.ANY) {
            throw new InvalidRequestException("ANY ConsistencyLevel is only supported for writes");
        }
    }

    public static void forWrite(ConsistencyLevel level) {
        if (level == ConsistencyLevel.SERIAL || level == ConsistencyLevel.LOCAL_SERIAL) {
            throw new InvalidRequestException("You must use conditional updates for serializable writes");
        }
    }
}
