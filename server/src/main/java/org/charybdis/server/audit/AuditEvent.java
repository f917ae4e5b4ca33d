package org.charybdis.server.audit;

import java.net.InetAddress;

/**
 * One audited event: a row of {@code audit.audit_log} or a line of the audit logger.
 *
 * @param timeMillis  when the outcome was known (epoch milliseconds)
 * @param consistency the request's consistency level, null for logins and admin API calls
 * @param keyspace    null when the event concerns no keyspace
 * @param table       null when the event concerns no table
 * @param operation   the statement text, {@code LOGIN}, or the admin API method and path
 * @param source      the client's address, null when unknown
 * @param error       whether the request failed (including refused logins and Unauthorized)
 */
public record AuditEvent(long timeMillis, AuditCategory category, String consistency, String keyspace, String table,
                         String operation, InetAddress source, String username, boolean error) {}
