package org.charybdis.server.audit;

/**
 * ScyllaDB's audit categories: AUTH (logins), DML (writes, USE, TRUNCATE), DDL (schema changes), DCL (roles and
 * permissions), QUERY (SELECT, DESCRIBE) and ADMIN (service levels and the REST admin API).
 */
public enum AuditCategory {
    AUTH, DML, DDL, DCL, QUERY, ADMIN;

    /** Whether events of this category are audited whatever their keyspace (AUTH, DCL, ADMIN), as ScyllaDB does. */
    boolean global() {
        return this == AUTH || this == DCL || this == ADMIN;
    }
}
