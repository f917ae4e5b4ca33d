package org.charybdis.server.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(4);

    @Test
    void defaultCostProducesCassandraStyleHashes() {
        String hash = new PasswordHasher().hash("cassandra");
        assertThat(hash).startsWith("$2a$10$").hasSize(60);
        assertThat(new PasswordHasher().verify("cassandra", hash)).isTrue();
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        String hash = hasher.hash("secret");
        assertThat(hasher.verify("secret", hash)).isTrue();
        assertThat(hasher.verify("Secret", hash)).isFalse();
        assertThat(hasher.hash("secret")).isNotEqualTo(hash); // salted
    }

    @Test
    void acceptsHashesMadeByCassandra() {
        // produced by Cassandra 5.0 (jBCrypt) for the password "cassandra"
        assertThat(hasher.verify("cassandra", "$2a$10$LsTrCsyg9IOpNzpusmP4AelnvF2nOquyYfqP/ZoXlywvlJYHILwv.")).isTrue();
    }

    @Test
    void missingOrMalformedHashNeverMatches() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "not a hash")).isFalse();
        assertThat(PasswordHasher.isValidHash("bad")).isFalse();
        assertThat(PasswordHasher.isValidHash(hasher.hash("x"))).isTrue();
    }

    @Test
    void passwordsLongerThanBcryptLimitAreTruncatedLikeJbcrypt() {
        String longPassword = "a".repeat(80);
        String hash = hasher.hash(longPassword);
        assertThat(hasher.verify("a".repeat(72) + "b", hash)).isTrue();
    }
}
