package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CqlIdentifiersTest {
    @Test
    void quotesOnlyWhenNeeded() {
        assertThat(CqlIdentifiers.maybeQuote("address")).isEqualTo("address");
        assertThat(CqlIdentifiers.maybeQuote("a_1")).isEqualTo("a_1");
        assertThat(CqlIdentifiers.maybeQuote("Address")).isEqualTo("\"Address\"");
        assertThat(CqlIdentifiers.maybeQuote("select")).isEqualTo("\"select\"");
        assertThat(CqlIdentifiers.maybeQuote("1st")).isEqualTo("\"1st\"");
        assertThat(CqlIdentifiers.maybeQuote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CqlIdentifiers.isReservedKeyword("FROM")).isTrue();
        assertThat(CqlIdentifiers.isReservedKeyword("ttl")).isFalse();
    }
}
