package org.charybdis.server.cql.statements.auth;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.auth.PasswordAuthenticator;
import org.charybdis.server.auth.Role;
import org.charybdis.server.cql.ExecutionContext;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * LIST ROLES [OF r] [NORECURSIVE] and the legacy LIST USERS. Roles holding DESCRIBE on all roles (every
 * superuser) see every role; others see only the roles granted to them.
 */
final class ListRoles extends AuthStatementBase {
    private static final MapType OPTIONS_TYPE = MapType.of(NativeType.TEXT, NativeType.TEXT, false);
    private static final ByteBuffer NO_OPTIONS = OPTIONS_TYPE.serialize(Map.of());
    private static final ByteBuffer ALL_DATACENTERS = NativeType.TEXT.serialize("ALL");
    static final ResultMetadata ROLES = ResultMetadata.of(List.of(
            new ColumnSpec("system_auth", "roles", "role", NativeType.TEXT),
            new ColumnSpec("system_auth", "roles", "super", NativeType.BOOLEAN),
            new ColumnSpec("system_auth", "roles", "login", NativeType.BOOLEAN),
            new ColumnSpec("system_auth", "roles", "options", OPTIONS_TYPE),
            new ColumnSpec("system_auth", "roles", "datacenters", NativeType.TEXT)));
    static final ResultMetadata USERS = ResultMetadata.of(List.of(
            new ColumnSpec("system_auth", "users", "name", NativeType.TEXT),
            new ColumnSpec("system_auth", "users", "super", NativeType.BOOLEAN),
            new ColumnSpec("system_auth", "users", "datacenters", NativeType.TEXT)));

    private final String of;
    private final boolean recursive;
    private final boolean users;

    ListRoles(String of, boolean recursive, boolean users) {
        this.of = of;
        this.recursive = recursive;
        this.users = users;
    }

    @Override
    public ResultMetadata resultMetadata() {
        return users ? USERS : ROLES;
    }

    @Override
    boolean changesAuth() {
        return false;
    }

    @Override
    CompletableFuture<? extends Result> run(ExecutionContext context, PasswordAuthenticator auth, Performer performer) {
        CompletableFuture<Boolean> exists = of == null ? done(true) : auth.roles().exists(of);
        return exists.thenCompose(found -> {
            if (!found) throw new InvalidRequestException(AuthResource.role(of) + " doesn't exist");
            return visibleRoles(auth, performer);
        }).thenApply(this::result);
    }

    private CompletableFuture<List<Role>> visibleRoles(PasswordAuthenticator auth, Performer performer) {
        if (performer.has(Permission.DESCRIBE, AuthResource.allRoles())) {
            return of == null ? auth.roles().all() : auth.roles().rolesOf(of, recursive);
        }
        if (of == null) return auth.roles().rolesOf(performer.name(), recursive);
        if (!performer.roles().contains(of)) throw new UnauthorizedException("You are not authorized to view roles granted to " + of + " ");
        return auth.roles().rolesOf(of, recursive);
    }

    private Result result(List<Role> roles) {
        List<Role> sorted = new ArrayList<>(roles);
        sorted.sort(Comparator.comparing(Role::name));
        List<ByteBuffer[]> rows = new ArrayList<>(sorted.size());
        for (Role role : sorted) {
            ByteBuffer name = NativeType.TEXT.serialize(role.name());
            ByteBuffer superuser = NativeType.BOOLEAN.serialize(role.superuser());
            if (users) {
                if (role.canLogin()) rows.add(new ByteBuffer[] {name, superuser, ALL_DATACENTERS.duplicate()});
            } else {
                rows.add(new ByteBuffer[] {name, superuser, NativeType.BOOLEAN.serialize(role.canLogin()),
                        NO_OPTIONS.duplicate(), ALL_DATACENTERS.duplicate()});
            }
        }
        if (rows.isEmpty()) return VoidResult.INSTANCE;
        return new RowsResult(resultMetadata(), rows);
    }
}
