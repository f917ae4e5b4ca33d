package org.charybdis.server.cql.statements.auth;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.syntax.PermissionSet;
import org.charybdis.cql.syntax.RawType;
import org.charybdis.cql.syntax.Resource;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.auth.PasswordAuthenticator;
import org.charybdis.server.auth.PermissionStore.Grant;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.schema.Schema;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * GRANT / REVOKE / LIST permissions, stored in system_auth.role_permissions as CassandraAuthorizer
 * stores them; with AllowAllAuthorizer there are none, and these statements are refused as Cassandra refuses them.
 */
final class PermissionStatements {
    static final ResultMetadata LIST_METADATA = ResultMetadata.of(List.of(
            new ColumnSpec("system_auth", "permissions", "role", NativeType.TEXT),
            new ColumnSpec("system_auth", "permissions", "username", NativeType.TEXT),
            new ColumnSpec("system_auth", "permissions", "resource", NativeType.TEXT),
            new ColumnSpec("system_auth", "permissions", "permission", NativeType.TEXT)));

    private PermissionStatements() {}

    /** The resource a statement names; a table without keyspace is in the client's keyspace. */
    static AuthResource resolve(Resource resource, ClientState client) {
        return switch (resource) {
            case Resource.AllKeyspaces ignored -> AuthResource.allKeyspaces();
            case Resource.Keyspace ks -> AuthResource.keyspace(ks.keyspace());
            case Resource.Table t -> AuthResource.table(client.keyspaceOr(t.table().keyspace()), t.table().name());
            case Resource.AllRoles ignored -> AuthResource.allRoles();
            case Resource.Role r -> AuthResource.role(r.role());
            case Resource.AllFunctions f -> f.keyspace() == null ? AuthResource.allFunctions() : AuthResource.functionsIn(f.keyspace());
            case Resource.Function f -> AuthResource.function(client.keyspaceOr(f.function().keyspace()), f.function().name() + "("
                    + f.argumentTypes().stream().map(RawType::toCqlString).collect(Collectors.joining(", ")) + ")");
            case Resource.AllMBeans ignored -> AuthResource.allMBeans();
            case Resource.MBean m -> AuthResource.mbean(m.pattern());
        };
    }

    /** The permissions meant: ALL keeps those that apply; a named one must apply, as Cassandra's parser insists. */
    static Set<Permission> applicable(PermissionSet permissions, AuthResource resource) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        result.addAll(permissions.permissions());
        if (permissions.all()) {
            result.retainAll(resource.applicable());
        } else if (!resource.applicable().containsAll(result)) {
            throw new SyntaxException("Resource type " + resource.kind() + " does not support any of the requested permissions");
        }
        return result;
    }

    /** Whether the resource exists now (roles are checked in the role store). */
    static CompletableFuture<Boolean> exists(AuthResource resource, PasswordAuthenticator auth, Schema schema) {
        String[] parts = resource.name().split("/", 3);
        return switch (parts[0]) {
            case "data" -> AuthStatementBase.done(parts.length == 1
                    || (parts.length == 2 ? schema.keyspace(parts[1]) != null : schema.table(parts[1], parts[2]) != null));
            case "roles" -> parts.length == 1 ? AuthStatementBase.done(true) : auth.roles().exists(resource.name().substring("roles/".length()));
            case "functions" -> AuthStatementBase.done(parts.length == 1 || (parts.length == 2 ? schema.keyspace(parts[1]) != null
                    : schema.keyspace(parts[1]) != null && schema.keyspace(parts[1]).functions().hasSignature(parts[2])));
            default -> AuthStatementBase.done(true);
        };
    }

    /** GRANT permissions ON resource TO role / REVOKE ... FROM role. */
    static final class Change extends AuthStatementBase {
        private final AuthResource resource;
        private final Set<Permission> permissions;
        private final String role;
        private final boolean grant;

        Change(PermissionSet permissions, Resource resource, String role, boolean grant, ClientState client) {
            this.resource = resolve(resource, client);
            this.permissions = applicable(permissions, this.resource);
            this.role = role;
            this.grant = grant;
        }

        @Override
        CompletableFuture<? extends Result> run(ExecutionContext context, PasswordAuthenticator auth, Performer performer) {
            requireGrants(context, grant ? "GRANT" : "REVOKE");
            performer.require(Permission.AUTHORIZE, resource);
            for (Permission p : permissions) performer.require(p, resource);
            long timestamp = context.timestampMicros();
            return exists(resource, auth, context.server().schema().current()).thenCompose(found -> {
                if (!found) throw new InvalidRequestException("Resource " + resource + " doesn't exist");
                return auth.roles().exists(role);
            }).thenCompose(found -> {
                if (!found) throw new InvalidRequestException("Role " + role + " doesn't exist");
                var write = grant ? auth.permissions().grant(role, resource, permissions, timestamp)
                        : auth.permissions().revoke(role, resource, permissions, timestamp);
                return write.thenApply(ignored -> VoidResult.INSTANCE);
            });
        }
    }

    /** LIST permissions [ON resource] [OF role] [NORECURSIVE]. */
    static final class ListPermissions extends AuthStatementBase {
        private final Set<Permission> permissions;
        private final AuthResource resource;
        private final String of;
        private final boolean recursive;

        ListPermissions(PermissionSet permissions, Resource resource, String of, boolean recursive, ClientState client) {
            this.permissions = EnumSet.copyOf(permissions.permissions());
            this.resource = resource == null ? null : resolve(resource, client);
            this.of = of;
            this.recursive = recursive;
        }

        @Override
        public ResultMetadata resultMetadata() {
            return LIST_METADATA;
        }

        @Override
        boolean changesAuth() {
            return false;
        }

        @Override
        CompletableFuture<? extends Result> run(ExecutionContext context, PasswordAuthenticator auth, Performer performer) {
            requireGrants(context, "LIST PERMISSIONS");
            CompletableFuture<Boolean> resourceExists = resource == null ? done(true)
                    : exists(resource, auth, context.server().schema().current());
            return resourceExists.thenCompose(found -> {
                if (!found) throw new InvalidRequestException(resource + " doesn't exist");
                return of == null ? done(true) : auth.roles().exists(of);
            }).thenCompose(found -> {
                if (!found) throw new InvalidRequestException(AuthResource.role(of) + " doesn't exist");
                if (!performer.superuser()) {
                    if (of == null) throw new UnauthorizedException("You are not authorized to view everyone's permissions");
                    // a role's own grants and those of roles granted to it, or any role's with DESCRIBE on it
                    if (!performer.roles().contains(of) && !performer.has(Permission.DESCRIBE, AuthResource.role(of))) {
                        throw new UnauthorizedException("You are not authorized to view " + of + "'s permissions");
                    }
                }
                return grants(auth);
            }).thenApply(this::result);
        }

        /** Every grant of every role, or those of the role and the roles granted to it. */
        private CompletableFuture<List<Grant>> grants(PasswordAuthenticator auth) {
            if (of == null) return auth.permissions().all();
            return auth.roles().rolesOf(of, true).thenCompose(auth.permissions()::ofRoles);
        }

        private Result result(List<Grant> grants) {
            Set<String> resources = null;
            if (resource != null) {
                resources = new HashSet<>();
                for (AuthResource r : recursive ? resource.chain() : List.of(resource)) resources.add(r.name());
            }
            List<Detail> details = new ArrayList<>();
            for (Grant grant : grants) {
                if (resources != null && !resources.contains(grant.resource().name())) continue;
                for (Permission p : grant.permissions()) {
                    if (permissions.contains(p)) details.add(new Detail(grant.role(), grant.resource(), p));
                }
            }
            if (details.isEmpty()) return VoidResult.INSTANCE;
            details.sort(Detail.ORDER);
            List<ByteBuffer[]> rows = new ArrayList<>(details.size());
            for (Detail d : details) {
                ByteBuffer role = NativeType.TEXT.serialize(d.role());
                rows.add(new ByteBuffer[] {role, role.duplicate(), NativeType.TEXT.serialize(d.resource().display()),
                        NativeType.TEXT.serialize(d.permission().name())});
            }
            return new RowsResult(LIST_METADATA, rows);
        }
    }

    /** One listed permission, ordered as Cassandra lists them: role, resource name, permission. */
    private record Detail(String role, AuthResource resource, Permission permission) {
        static final Comparator<Detail> ORDER = Comparator.comparing(Detail::role)
                .thenComparing(d -> d.resource().name())
                .thenComparing(Detail::permission);
    }
}
