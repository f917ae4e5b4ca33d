package org.charybdis.cql.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.antlr.v4.runtime.tree.TerminalNode;

/** Builds role, user and permission statements. */
final class AuthBuilder {
    private final TermBuilder terms;

    AuthBuilder(TermBuilder terms) {
        this.terms = terms;
    }

    AuthStatement createRole(Cql.CreateRoleStatementContext ctx) {
        return new CreateRoleStatement(role(ctx.roleName()), ctx.ifNotExists() != null, roleOptions(ctx.roleOption()));
    }

    AuthStatement alterRole(Cql.AlterRoleStatementContext ctx) {
        return new AlterRoleStatement(role(ctx.roleName()), ctx.ifExists() != null, roleOptions(ctx.roleOption()));
    }

    AuthStatement dropRole(Cql.DropRoleStatementContext ctx) {
        return new DropRoleStatement(role(ctx.roleName()), ctx.ifExists() != null);
    }

    AuthStatement listRoles(Cql.ListRolesStatementContext ctx) {
        return new ListRolesStatement(ctx.roleName() == null ? null : role(ctx.roleName()), ctx.K_NORECURSIVE() == null);
    }

    AuthStatement createUser(Cql.CreateUserStatementContext ctx) {
        return new CreateUserStatement(role(ctx.roleName()), ctx.ifNotExists() != null, password(ctx.STRING_LITERAL()),
                ctx.K_HASHED() != null, superuser(ctx.K_SUPERUSER(), ctx.K_NOSUPERUSER()));
    }

    AuthStatement alterUser(Cql.AlterUserStatementContext ctx) {
        return new AlterUserStatement(role(ctx.roleName()), ctx.ifExists() != null, password(ctx.STRING_LITERAL()),
                ctx.K_HASHED() != null, superuser(ctx.K_SUPERUSER(), ctx.K_NOSUPERUSER()));
    }

    AuthStatement dropUser(Cql.DropUserStatementContext ctx) {
        return new DropUserStatement(role(ctx.roleName()), ctx.ifExists() != null);
    }

    AuthStatement grantRole(Cql.GrantRoleStatementContext ctx) {
        return new GrantRoleStatement(role(ctx.roleName(0)), role(ctx.roleName(1)));
    }

    AuthStatement revokeRole(Cql.RevokeRoleStatementContext ctx) {
        return new RevokeRoleStatement(role(ctx.roleName(0)), role(ctx.roleName(1)));
    }

    AuthStatement grantPermissions(Cql.GrantPermissionsStatementContext ctx) {
        return new GrantPermissionsStatement(permissions(ctx.permissions()), resource(ctx.resource()), role(ctx.roleName()));
    }

    AuthStatement revokePermissions(Cql.RevokePermissionsStatementContext ctx) {
        return new RevokePermissionsStatement(permissions(ctx.permissions()), resource(ctx.resource()), role(ctx.roleName()));
    }

    AuthStatement listPermissions(Cql.ListPermissionsStatementContext ctx) {
        return new ListPermissionsStatement(permissions(ctx.permissions()),
                ctx.resource() == null ? null : resource(ctx.resource()),
                ctx.roleName() == null ? null : role(ctx.roleName()), ctx.K_NORECURSIVE() == null);
    }

    static String role(Cql.RoleNameContext ctx) {
        return Names.roleOrIdent(ctx.ident(), ctx.STRING_LITERAL());
    }

    private static String password(TerminalNode literal) {
        return literal == null ? null : Names.string(literal);
    }

    private static Boolean superuser(TerminalNode superuser, TerminalNode nosuperuser) {
        return superuser != null ? Boolean.TRUE : nosuperuser != null ? Boolean.FALSE : null;
    }

    private RoleOptions roleOptions(List<Cql.RoleOptionContext> options) {
        String password = null;
        boolean hashed = false;
        Boolean login = null;
        Boolean superuser = null;
        Term custom = null;
        RoleOptions.AccessRestriction datacenters = null;
        RoleOptions.AccessRestriction cidrs = null;
        List<String> seen = new ArrayList<>();
        for (Cql.RoleOptionContext option : options) {
            String name;
            switch (option) {
                case Cql.PasswordOptionContext o -> {
                    name = "password";
                    password = Names.string(o.STRING_LITERAL());
                    hashed = o.K_HASHED() != null;
                }
                case Cql.LoginOptionContext o -> {
                    name = "login";
                    login = o.booleanLiteral().K_TRUE() != null;
                }
                case Cql.SuperuserOptionContext o -> {
                    name = "superuser";
                    superuser = o.booleanLiteral().K_TRUE() != null;
                }
                case Cql.CustomOptionsContext o -> {
                    name = "options";
                    custom = terms.term(o.term());
                }
                case Cql.AllDatacentersOptionContext ignored -> {
                    name = "access to datacenters";
                    datacenters = new RoleOptions.AccessRestriction(true, List.of());
                }
                case Cql.DatacentersOptionContext o -> {
                    name = "access to datacenters";
                    datacenters = new RoleOptions.AccessRestriction(false, strings(o.STRING_LITERAL()));
                }
                case Cql.AllCidrsOptionContext ignored -> {
                    name = "access from cidrs";
                    cidrs = new RoleOptions.AccessRestriction(true, List.of());
                }
                case Cql.CidrsOptionContext o -> {
                    name = "access from cidrs";
                    cidrs = new RoleOptions.AccessRestriction(false, strings(o.STRING_LITERAL()));
                }
                default -> throw TermBuilder.unexpected(option);
            }
            if (seen.contains(name)) {
                throw CqlSyntaxError.at(option.getStart(), "Multiple definitions for property '" + name + "'");
            }
            seen.add(name);
        }
        return new RoleOptions(password, hashed, login, superuser, custom, datacenters, cidrs);
    }

    private static List<String> strings(List<TerminalNode> literals) {
        List<String> strings = new ArrayList<>(literals.size());
        for (TerminalNode literal : literals) {
            strings.add(Names.string(literal));
        }
        return strings;
    }

    private static PermissionSet permissions(Cql.PermissionsContext ctx) {
        if (ctx.K_ALL() != null) {
            return PermissionSet.allPermissions();
        }
        return PermissionSet.of(Permission.valueOf(ctx.permission().getText().toUpperCase(Locale.ROOT)));
    }

    private Resource resource(Cql.ResourceContext ctx) {
        return switch (ctx) {
            case Cql.AllKeyspacesResourceContext ignored -> new Resource.AllKeyspaces();
            case Cql.KeyspaceResourceContext r -> new Resource.Keyspace(Names.text(r.ident()));
            case Cql.AllRolesResourceContext ignored -> new Resource.AllRoles();
            case Cql.RoleResourceContext r -> new Resource.Role(role(r.roleName()));
            case Cql.AllFunctionsResourceContext r ->
                    new Resource.AllFunctions(r.ident() == null ? null : Names.text(r.ident()));
            case Cql.FunctionResourceContext r -> new Resource.Function(Names.function(r.functionName()),
                    terms.types(r.functionSignature().type()));
            case Cql.AllMBeansResourceContext ignored -> new Resource.AllMBeans();
            case Cql.MbeanResourceContext r -> new Resource.MBean(Names.string(r.STRING_LITERAL()));
            case Cql.TableResourceContext r -> new Resource.Table(Names.qualified(r.qualifiedName()));
            default -> throw TermBuilder.unexpected(ctx);
        };
    }
}
