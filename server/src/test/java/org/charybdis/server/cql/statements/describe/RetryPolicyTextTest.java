package org.charybdis.server.cql.statements.describe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Canonical forms recorded from Cassandra 5.0's DESCRIBE of tables created with these values. */
class RetryPolicyTextTest {

    @Test
    void percentilesFixedAndKeywords() {
        assertThat(RetryPolicyText.canonical("99p")).isEqualTo("99p");
        assertThat(RetryPolicyText.canonical("99.0p")).isEqualTo("99p");
        assertThat(RetryPolicyText.canonical("99.5PERCENTILE")).isEqualTo("99.5p");
        assertThat(RetryPolicyText.canonical("50MS")).isEqualTo("50ms");
        assertThat(RetryPolicyText.canonical("none")).isEqualTo("NEVER");
        assertThat(RetryPolicyText.canonical("always")).isEqualTo("ALWAYS");
    }

    @Test
    void hybridsPutThePercentileFirst() {
        assertThat(RetryPolicyText.canonical("min(50ms, 99PERCENTILE)")).isEqualTo("MIN(99p,50ms)");
        assertThat(RetryPolicyText.canonical("MAX(99.99p,5ms)")).isEqualTo("MAX(99.99p,5ms)");
    }

    @Test
    void unknownTextIsKeptAsGiven() {
        assertThat(RetryPolicyText.canonical("xyzp")).isEqualTo("xyzp");
        assertThat(RetryPolicyText.canonical("MIN(1p")).isEqualTo("MIN(1p");
    }
}
