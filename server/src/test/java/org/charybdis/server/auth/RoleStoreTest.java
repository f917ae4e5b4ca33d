package org.charybdis.server.auth;

import org.charybdis.cql.syntax.Permission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoleStoreTest {
    private static AuthTestNode node;
    private static RoleStore roles;
    private static PermissionStore permissions;

    @BeforeAll
    static void start() {
        node = new AuthTestNode();
        roles = node.authenticator.roles();
        permissions = node.authenticator.permissions();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void createReadAlter() {
        roles.create(new Role("r_a", false, true, "h1", Set.of()), 10).join();
        assertThat(roles.get("r_a").join()).isEqualTo(new Role("r_a", false, true, "h1", Set.of()));
        roles.alter("r_a", true, false, null, 11).join();
        assertThat(roles.get("r_a").join()).isEqualTo(new Role("r_a", true, false, "h1", Set.of()));
        assertThat(roles.get("r_missing").join()).isNull();
    }

    @Test
    void roleWithEveryOptionFalseStillExists() {
        roles.create(new Role("r_plain", false, false, null, Set.of()), 10).join();
        assertThat(roles.exists("r_plain").join()).isTrue();
    }

    @Test
    void membershipsAreTransitiveAndRemovedWithTheRole() {
        for (String r : new String[] {"m_top", "m_mid", "m_low"}) roles.create(new Role(r, false, false, null, Set.of()), 10).join();
        roles.grant("m_top", "m_mid", 11).join();
        roles.grant("m_mid", "m_low", 11).join();
        assertThat(roles.rolesOf("m_low", true).join()).extracting(Role::name).containsExactly("m_low", "m_mid", "m_top");
        assertThat(roles.rolesOf("m_low", false).join()).extracting(Role::name).containsExactly("m_low", "m_mid");

        roles.drop("m_mid", 12).join();
        assertThat(roles.get("m_mid").join()).isNull();
        assertThat(roles.get("m_low").join().memberOf()).isEmpty();
        assertThat(roles.rolesOf("m_low", true).join()).extracting(Role::name).containsExactly("m_low");
    }

    @Test
    void revokeRemovesTheMembership() {
        roles.create(new Role("v_a", false, false, null, Set.of()), 10).join();
        roles.create(new Role("v_b", false, false, null, Set.of()), 10).join();
        roles.grant("v_a", "v_b", 11).join();
        assertThat(roles.get("v_b").join().memberOf()).containsExactly("v_a");
        roles.revoke("v_a", "v_b", 12).join();
        assertThat(roles.get("v_b").join().memberOf()).isEmpty();
    }

    @Test
    void allListsEveryRoleByName() {
        roles.create(new Role("zz_last", false, false, null, Set.of()), 10).join();
        roles.create(new Role("aa_first", false, false, null, Set.of()), 10).join();
        assertThat(roles.all().join()).extracting(Role::name).contains("aa_first", "cassandra", "zz_last").isSorted();
    }

    @Test
    void permissionsAreGrantedRevokedAndForgotten() {
        AuthResource ks = AuthResource.keyspace("ks");
        permissions.grant("p_role", ks, EnumSet.of(Permission.SELECT, Permission.MODIFY), 10).join();
        permissions.grant("p_other", AuthResource.role("p_role"), EnumSet.of(Permission.ALTER), 10).join();
        assertThat(permissions.of("p_role").join()).containsExactly(
                new PermissionStore.Grant("p_role", ks, EnumSet.of(Permission.SELECT, Permission.MODIFY)));
        permissions.revoke("p_role", ks, EnumSet.of(Permission.MODIFY), 11).join();
        assertThat(permissions.of("p_role").join().getFirst().permissions()).containsExactly(Permission.SELECT);

        permissions.revokeAllOn(AuthResource.role("p_role"), 12).join();
        assertThat(permissions.of("p_other").join()).isEmpty();
        permissions.revokeAllFrom("p_role", 12).join();
        assertThat(permissions.of("p_role").join()).isEmpty();
    }
}
