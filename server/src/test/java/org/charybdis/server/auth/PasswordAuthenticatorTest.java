package org.charybdis.server.auth;

import org.charybdis.cql.exceptions.AuthenticationException;
import org.charybdis.server.cql.ClientState.AuthenticatedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordAuthenticatorTest {
    private static AuthTestNode node;

    @BeforeAll
    static void start() {
        node = new AuthTestNode();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void defaultSuperuserLogsIn() {
        AuthenticatedUser user = node.authenticator.authenticate("cassandra", "cassandra").toCompletableFuture().join();
        assertThat(user).isEqualTo(new AuthenticatedUser("cassandra", true));
        Role stored = node.authenticator.roles().get("cassandra").join();
        assertThat(stored.saltedHash()).startsWith("$2a$");
        assertThat(stored.canLogin()).isTrue();
    }

    @Test
    void defaultSuperuserIsCreatedOnlyOnce() {
        node.authenticator.setupDefaultSuperuser().join();
        assertThat(node.authenticator.roles().all().join()).extracting(Role::name).containsOnlyOnce("cassandra");
    }

    @Test
    void wrongPasswordOrUnknownUserIsRefused() {
        assertThatThrownBy(() -> node.authenticator.authenticate("cassandra", "nope").toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(AuthenticationException.class)
                .hasMessage("Provided username cassandra and/or password are incorrect");
        assertThatThrownBy(() -> node.authenticator.authenticate("ghost", "x").toCompletableFuture().join())
                .cause().isInstanceOf(AuthenticationException.class)
                .hasMessage("Provided username ghost and/or password are incorrect");
    }

    @Test
    void roleWithoutLoginIsRefusedAfterThePasswordCheck() {
        String hash = node.authenticator.hash("pw").join();
        node.authenticator.roles().create(new Role("nologin", false, false, hash, Set.of()), 1).join();
        assertThatThrownBy(() -> node.authenticator.authenticate("nologin", "pw").toCompletableFuture().join())
                .cause().isInstanceOf(AuthenticationException.class).hasMessage("nologin is not permitted to log in");
    }

    @Test
    void superuserStatusIsInheritedThroughGrants() {
        String hash = node.authenticator.hash("pw").join();
        node.authenticator.roles().create(new Role("admin_group", true, false, null, Set.of()), 1).join();
        node.authenticator.roles().create(new Role("alice", false, true, hash, Set.of()), 1).join();
        node.authenticator.roles().grant("admin_group", "alice", 2).join();
        assertThat(node.authenticator.authenticate("alice", "pw").toCompletableFuture().join().superuser()).isTrue();
    }
}
