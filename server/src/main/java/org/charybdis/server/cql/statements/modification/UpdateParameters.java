package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.cql.ExecutionContext;

/**
 * The write parameters of one execution of one statement: bound values, the write timestamp, the TTL
 * (0: none) and the second TTLs and tombstones are judged against.
 */
record UpdateParameters(ExecutionContext context, long timestamp, int ttl, long nowInSeconds) {}
