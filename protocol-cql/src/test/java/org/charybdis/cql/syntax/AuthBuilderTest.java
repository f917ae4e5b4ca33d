package org.charybdis.cql.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AuthBuilderTest {

    @Test
    void createRoleWithEveryOption() {
        CreateRoleStatement create = (CreateRoleStatement) CqlParser.parse("CREATE ROLE IF NOT EXISTS Alice WITH PASSWORD = 'pw'"
                + " AND LOGIN = true AND SUPERUSER = false AND OPTIONS = {'k': 'v'}"
                + " AND ACCESS TO DATACENTERS {'dc1', 'dc2'} AND ACCESS FROM ALL CIDRS");

        assertThat(create.role()).isEqualTo("alice");
        assertThat(create.ifNotExists()).isTrue();
        RoleOptions options = create.options();
        assertThat(options.password()).isEqualTo("pw");
        assertThat(options.passwordHashed()).isFalse();
        assertThat(options.login()).isTrue();
        assertThat(options.superuser()).isFalse();
        assertThat(options.customOptions()).isInstanceOf(Term.MapLiteral.class);
        assertThat(options.datacenters()).isEqualTo(new RoleOptions.AccessRestriction(false, List.of("dc1", "dc2")));
        assertThat(options.cidrs()).isEqualTo(new RoleOptions.AccessRestriction(true, List.of()));
    }

    @Test
    void roleNamesMayBeStringsAndOptionsAreOptional() {
        CreateRoleStatement create = (CreateRoleStatement) CqlParser.parse("CREATE ROLE 'Bob'");
        assertThat(create.role()).isEqualTo("Bob");
        assertThat(create.options()).isEqualTo(RoleOptions.NONE);

        AlterRoleStatement alter = (AlterRoleStatement) CqlParser.parse(
                "ALTER ROLE bob WITH HASHED PASSWORD = '$2a$10$x' AND ACCESS TO ALL DATACENTERS");
        assertThat(alter.options().passwordHashed()).isTrue();
        assertThat(alter.options().datacenters().all()).isTrue();

        assertThat(CqlParser.parse("DROP ROLE IF EXISTS bob")).isEqualTo(new DropRoleStatement("bob", true));
        assertThat(CqlParser.parse("LIST ROLES")).isEqualTo(new ListRolesStatement(null, true));
        assertThat(CqlParser.parse("LIST ROLES OF bob NORECURSIVE")).isEqualTo(new ListRolesStatement("bob", false));
    }

    @Test
    void repeatedRoleOptionIsAnError() {
        assertThatThrownBy(() -> CqlParser.parse("CREATE ROLE r WITH LOGIN = true AND LOGIN = false"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageContaining("Multiple definitions for property 'login'");
    }

    @Test
    void legacyUsers() {
        assertThat(CqlParser.parse("CREATE USER IF NOT EXISTS carol WITH PASSWORD 'pw' SUPERUSER"))
                .isEqualTo(new CreateUserStatement("carol", true, "pw", false, true));
        assertThat(CqlParser.parse("CREATE USER dave")).isEqualTo(new CreateUserStatement("dave", false, null, false, null));
        assertThat(CqlParser.parse("ALTER USER dave WITH PASSWORD 'x' NOSUPERUSER"))
                .isEqualTo(new AlterUserStatement("dave", false, "x", false, false));
        assertThat(CqlParser.parse("DROP USER IF EXISTS dave")).isEqualTo(new DropUserStatement("dave", true));
        assertThat(CqlParser.parse("LIST USERS")).isEqualTo(new ListUsersStatement());
    }

    @Test
    void grantAndRevokeRoles() {
        assertThat(CqlParser.parse("GRANT analyst TO alice")).isEqualTo(new GrantRoleStatement("analyst", "alice"));
        assertThat(CqlParser.parse("REVOKE analyst FROM alice")).isEqualTo(new RevokeRoleStatement("analyst", "alice"));
    }

    @Test
    void grantRevokeAndListPermissions() {
        assertThat(CqlParser.parse("GRANT SELECT ON ks.t TO alice")).isEqualTo(new GrantPermissionsStatement(
                PermissionSet.of(Permission.SELECT), new Resource.Table(new QualifiedName("ks", "t")), "alice"));
        assertThat(CqlParser.parse("GRANT ALL PERMISSIONS ON KEYSPACE ks TO alice")).isEqualTo(new GrantPermissionsStatement(
                PermissionSet.allPermissions(), new Resource.Keyspace("ks"), "alice"));
        assertThat(CqlParser.parse("REVOKE MODIFY PERMISSION ON TABLE t FROM bob")).isEqualTo(new RevokePermissionsStatement(
                PermissionSet.of(Permission.MODIFY), new Resource.Table(QualifiedName.unqualified("t")), "bob"));
        assertThat(CqlParser.parse("LIST ALL")).isEqualTo(new ListPermissionsStatement(PermissionSet.allPermissions(), null, null, true));
        assertThat(CqlParser.parse("LIST EXECUTE ON ALL FUNCTIONS IN KEYSPACE ks OF bob NORECURSIVE")).isEqualTo(
                new ListPermissionsStatement(PermissionSet.of(Permission.EXECUTE), new Resource.AllFunctions("ks"), "bob", false));
    }

    @Test
    void everyResourceKind() {
        assertThat(resource("ALL KEYSPACES")).isEqualTo(new Resource.AllKeyspaces());
        assertThat(resource("ALL ROLES")).isEqualTo(new Resource.AllRoles());
        assertThat(resource("ROLE admin")).isEqualTo(new Resource.Role("admin"));
        assertThat(resource("ALL FUNCTIONS")).isEqualTo(new Resource.AllFunctions(null));
        assertThat(resource("FUNCTION ks.f(int, text)")).isEqualTo(new Resource.Function(new QualifiedName("ks", "f"),
                List.of(new RawType.Named(null, "int", false), new RawType.Named(null, "text", false))));
        assertThat(resource("ALL MBEANS")).isEqualTo(new Resource.AllMBeans());
        assertThat(resource("MBEANS 'org.apache.cassandra.db:*'")).isEqualTo(new Resource.MBean("org.apache.cassandra.db:*"));
    }

    private static Resource resource(String text) {
        return ((GrantPermissionsStatement) CqlParser.parse("GRANT DESCRIBE ON " + text + " TO r")).resource();
    }

    @Test
    void maskingPermissions() {
        assertThat(((GrantPermissionsStatement) CqlParser.parse("GRANT UNMASK ON ALL KEYSPACES TO r")).permissions())
                .isEqualTo(PermissionSet.of(Permission.UNMASK));
        assertThat(((GrantPermissionsStatement) CqlParser.parse("GRANT SELECT_MASKED ON ks.t TO r")).permissions())
                .isEqualTo(PermissionSet.of(Permission.SELECT_MASKED));
    }
}
