package org.charybdis.server.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthResourceTest {
    @Test
    void namesAndDisplaysFollowCassandra() {
        assertThat(AuthResource.table("ks", "t").name()).isEqualTo("data/ks/t");
        assertThat(AuthResource.table("ks", "t").display()).isEqualTo("<table ks.t>");
        assertThat(AuthResource.allRoles().display()).isEqualTo("<all roles>");
        assertThat(AuthResource.role("bob").name()).isEqualTo("roles/bob");
        assertThat(AuthResource.functionsIn("ks").display()).isEqualTo("<all functions in ks>");
    }

    @Test
    void storedNamesParseBack() {
        for (AuthResource r : new AuthResource[] {AuthResource.allKeyspaces(), AuthResource.keyspace("k"), AuthResource.table("k", "t"),
                AuthResource.allRoles(), AuthResource.role("a/b"), AuthResource.allFunctions(), AuthResource.functionsIn("k"),
                AuthResource.allMBeans(), AuthResource.mbean("org.x:type=y")}) {
            assertThat(AuthResource.fromName(r.name())).isEqualTo(r);
        }
    }

    @Test
    void chainGoesFromTheResourceToItsRoot() {
        assertThat(AuthResource.table("k", "t").chain()).extracting(AuthResource::name).containsExactly("data/k/t", "data/k", "data");
        assertThat(AuthResource.role("r").chain()).extracting(AuthResource::name).containsExactly("roles/r", "roles");
    }
}
