package org.charybdis.server.cql.statements.auth;

import org.charybdis.cql.syntax.AlterRoleStatement;
import org.charybdis.cql.syntax.AlterUserStatement;
import org.charybdis.cql.syntax.AuthStatement;
import org.charybdis.cql.syntax.CreateRoleStatement;
import org.charybdis.cql.syntax.CreateUserStatement;
import org.charybdis.cql.syntax.DropRoleStatement;
import org.charybdis.cql.syntax.DropUserStatement;
import org.charybdis.cql.syntax.GrantPermissionsStatement;
import org.charybdis.cql.syntax.GrantRoleStatement;
import org.charybdis.cql.syntax.ListPermissionsStatement;
import org.charybdis.cql.syntax.ListRolesStatement;
import org.charybdis.cql.syntax.ListUsersStatement;
import org.charybdis.cql.syntax.RevokePermissionsStatement;
import org.charybdis.cql.syntax.RevokeRoleStatement;
import org.charybdis.cql.syntax.RoleOptions;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.statements.auth.RoleStatements.Options;
import org.charybdis.server.schema.Schema;

/**
 * Compiles role and permission statements. They run against system_auth through the
 * PasswordAuthenticator's stores; with AllowAllAuthenticator every one is refused as anonymous, as in
 * Cassandra.
 */
public final class AuthStatements {
    private AuthStatements() {}

    public static CqlStatement compile(AuthStatement statement, ClientState client, Schema schema) {
        return switch (statement) {
            case CreateRoleStatement s -> new RoleStatements.Create(s.role(), s.ifNotExists(), Options.of(s.options()));
            case AlterRoleStatement s -> new RoleStatements.Alter(s.role(), s.ifExists(), Options.of(s.options()), isEmpty(s.options()));
            case DropRoleStatement s -> new RoleStatements.Drop(s.role(), s.ifExists());
            case ListRolesStatement s -> new ListRoles(s.of(), s.recursive(), false);
            // legacy users are roles that may log in
            case CreateUserStatement s -> new RoleStatements.Create(s.user(), s.ifNotExists(),
                    Options.of(s.password(), s.passwordHashed(), true, s.superuser()));
            case AlterUserStatement s -> new RoleStatements.Alter(s.user(), s.ifExists(),
                    Options.of(s.password(), s.passwordHashed(), null, s.superuser()), s.password() == null && s.superuser() == null);
            case DropUserStatement s -> new RoleStatements.Drop(s.user(), s.ifExists());
            case ListUsersStatement ignored -> new ListRoles(null, false, true);
            case GrantRoleStatement s -> new RoleStatements.Membership(s.role(), s.grantee(), true);
            case RevokeRoleStatement s -> new RoleStatements.Membership(s.role(), s.revokee(), false);
            case GrantPermissionsStatement s -> new PermissionStatements.Change(s.permissions(), s.resource(), s.grantee(), true, client);
            case RevokePermissionsStatement s -> new PermissionStatements.Change(s.permissions(), s.resource(), s.revokee(), false, client);
            case ListPermissionsStatement s -> new PermissionStatements.ListPermissions(s.permissions(), s.resource(), s.of(), s.recursive(), client);
        };
    }

    private static boolean isEmpty(RoleOptions o) {
        return o.password() == null && o.login() == null && o.superuser() == null && o.customOptions() == null
                && o.datacenters() == null && o.cidrs() == null;
    }
}
