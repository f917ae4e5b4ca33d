package org.charybdis.server.auth;

import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.system.SystemTableStorage;

import java.util.function.Supplier;

/** The tables of {@code system_auth}: roles, memberships, permissions and role attributes (service levels). */
final class AuthTables {
    static final String KEYSPACE = "system_auth";
    static final String ROLES = "roles";
    static final String ROLE_MEMBERS = "role_members";
    static final String ROLE_PERMISSIONS = "role_permissions";
    static final String ROLE_ATTRIBUTES = "role_attributes";

    private AuthTables() {}

    static SystemTableStorage storage(Database database, Supplier<Schema> schema) {
        return new SystemTableStorage(database, schema, KEYSPACE);
    }
}
