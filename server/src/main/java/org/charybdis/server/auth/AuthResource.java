package org.charybdis.server.auth;

import org.charybdis.cql.syntax.Permission;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.charybdis.cql.syntax.Permission.ALTER;
import static org.charybdis.cql.syntax.Permission.AUTHORIZE;
import static org.charybdis.cql.syntax.Permission.CREATE;
import static org.charybdis.cql.syntax.Permission.DESCRIBE;
import static org.charybdis.cql.syntax.Permission.DROP;
import static org.charybdis.cql.syntax.Permission.EXECUTE;
import static org.charybdis.cql.syntax.Permission.MODIFY;
import static org.charybdis.cql.syntax.Permission.SELECT;
import static org.charybdis.cql.syntax.Permission.SELECT_MASKED;
import static org.charybdis.cql.syntax.Permission.UNMASK;

/**
 * Something permissions are granted on, named as Cassandra names it: {@code name} is the key stored in
 * {@code system_auth.role_permissions.resource} ({@code data/ks/t}, {@code roles/r}, ...), {@code display}
 * what LIST PERMISSIONS and error messages show ({@code <table ks.t>}).
 *
 * @param kind       Cassandra's resource class name, used in "does not support" errors
 * @param applicable the permissions that mean something on this resource
 * @param parent     the enclosing resource, or null for a root
 */
public record AuthResource(String name, String display, String kind, Set<Permission> applicable, AuthResource parent) {
    private static final Set<Permission> DATA_ROOT_OR_KEYSPACE = EnumSet.of(CREATE, ALTER, DROP, SELECT, MODIFY, AUTHORIZE, UNMASK, SELECT_MASKED);
    private static final Set<Permission> DATA_TABLE = EnumSet.of(ALTER, DROP, SELECT, MODIFY, AUTHORIZE, UNMASK, SELECT_MASKED);
    private static final Set<Permission> ROLES_ROOT = EnumSet.of(CREATE, ALTER, DROP, AUTHORIZE, DESCRIBE);
    private static final Set<Permission> ROLE = EnumSet.of(ALTER, DROP, AUTHORIZE, DESCRIBE);
    private static final Set<Permission> FUNCTIONS_ROOT_OR_KEYSPACE = EnumSet.of(CREATE, ALTER, DROP, AUTHORIZE, EXECUTE);
    private static final Set<Permission> FUNCTION = EnumSet.of(ALTER, DROP, AUTHORIZE, EXECUTE);
    private static final Set<Permission> SERVICE_LEVELS = EnumSet.of(CREATE, ALTER, DROP, DESCRIBE, AUTHORIZE);
    private static final Set<Permission> MBEANS = EnumSet.of(SELECT, MODIFY, AUTHORIZE, DESCRIBE, EXECUTE);

    private static final AuthResource ALL_KEYSPACES = new AuthResource("data", "<all keyspaces>", "DataResource", DATA_ROOT_OR_KEYSPACE, null);
    private static final AuthResource ALL_ROLES = new AuthResource("roles", "<all roles>", "RoleResource", ROLES_ROOT, null);
    private static final AuthResource ALL_FUNCTIONS = new AuthResource("functions", "<all functions>", "FunctionResource", FUNCTIONS_ROOT_OR_KEYSPACE, null);
    private static final AuthResource ALL_SERVICE_LEVELS = new AuthResource("service_levels", "<all service levels>", "ServiceLevelResource",
            SERVICE_LEVELS, null);
    private static final AuthResource ALL_MBEANS = new AuthResource("mbean", "<all mbeans>", "JMXResource", MBEANS, null);

    public static AuthResource allKeyspaces() { return ALL_KEYSPACES; }

    public static AuthResource keyspace(String keyspace) {
        return new AuthResource("data/" + keyspace, "<keyspace " + keyspace + ">", "DataResource", DATA_ROOT_OR_KEYSPACE, ALL_KEYSPACES);
    }

    /**
     * Everything a keyspace holds, what creating a table or type in it is checked on. Not a resource grants are made
     * on: a grant on the keyspace covers it, and it is named apart only in messages, as in Cassandra.
     */
    public static AuthResource allTables(String keyspace) {
        return new AuthResource("data/" + keyspace + "/*", "<all tables in " + keyspace + ">", "DataResource", DATA_ROOT_OR_KEYSPACE,
                keyspace(keyspace));
    }

    public static AuthResource table(String keyspace, String table) {
        return new AuthResource("data/" + keyspace + "/" + table, "<table " + keyspace + "." + table + ">", "DataResource",
                DATA_TABLE, keyspace(keyspace));
    }

    public static AuthResource allRoles() { return ALL_ROLES; }

    public static AuthResource role(String role) {
        return new AuthResource("roles/" + role, "<role " + role + ">", "RoleResource", ROLE, ALL_ROLES);
    }

    public static AuthResource allFunctions() { return ALL_FUNCTIONS; }

    public static AuthResource functionsIn(String keyspace) {
        return new AuthResource("functions/" + keyspace, "<all functions in " + keyspace + ">", "FunctionResource",
                FUNCTIONS_ROOT_OR_KEYSPACE, ALL_FUNCTIONS);
    }

    /** A function by its signature, e.g. {@code f(int, text)}. */
    public static AuthResource function(String keyspace, String signature) {
        return new AuthResource("functions/" + keyspace + "/" + signature, "<function " + keyspace + "." + signature + ">",
                "FunctionResource", FUNCTION, functionsIn(keyspace));
    }

    public static AuthResource allMBeans() { return ALL_MBEANS; }

    /** ScyllaDB's root resource of service levels, what its statements are checked on. */
    public static AuthResource allServiceLevels() { return ALL_SERVICE_LEVELS; }

    public static AuthResource mbean(String pattern) {
        return new AuthResource("mbean/" + pattern, "<mbean " + pattern + ">", "JMXResource", MBEANS, ALL_MBEANS);
    }

    /** The resource a stored {@code role_permissions.resource} key names. */
    public static AuthResource fromName(String name) {
        String[] parts = name.split("/", 3);
        return switch (parts[0]) {
            case "data" -> parts.length == 1 ? ALL_KEYSPACES : parts.length == 2 ? keyspace(parts[1]) : table(parts[1], parts[2]);
            case "roles" -> parts.length == 1 ? ALL_ROLES : role(name.substring("roles/".length()));
            case "functions" -> parts.length == 1 ? ALL_FUNCTIONS : parts.length == 2 ? functionsIn(parts[1]) : function(parts[1], parts[2]);
            case "mbean" -> parts.length == 1 ? ALL_MBEANS : mbean(name.substring("mbean/".length()));
            case "service_levels" -> ALL_SERVICE_LEVELS;
            default -> throw new IllegalArgumentException("Unknown resource " + name);
        };
    }

    /** The keyspace of a keyspace, its tables or its functions; null for roots, roles and MBeans. */
    public String keyspace() {
        String[] parts = name.split("/", 3);
        return (parts[0].equals("data") || parts[0].equals("functions")) && parts.length > 1 ? parts[1] : null;
    }

    /** This resource and its parents, nearest first (what a grant on any of them applies to). */
    public List<AuthResource> chain() {
        List<AuthResource> chain = new ArrayList<>(3);
        for (AuthResource r = this; r != null; r = r.parent) chain.add(r);
        return chain;
    }

    @Override
    public String toString() {
        return display;
    }
}
