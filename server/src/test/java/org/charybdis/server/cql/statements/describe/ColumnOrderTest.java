package org.charybdis.server.cql.statements.describe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnOrderTest {

    @Test
    void namesSortAsCassandraSortsThem() {
        // Cassandra 5.0's order of these regular int columns in DESCRIBE: a leading non-ASCII byte sorts first
        List<String> names = new ArrayList<>(List.of("unset", "type", "ttl", "true", "token", "replace", "key", "false", "a b",
                "_x", "A", "1a", "é"));
        names.sort(ColumnOrder.NAMES);
        assertThat(names).containsExactly("é", "1a", "A", "_x", "a b", "false", "key", "replace", "token", "true", "ttl", "type", "unset");
    }

    @Test
    void longNamesSharingAPrefixCompareOnTheirWholeBytes() {
        assertThat(ColumnOrder.NAMES.compare("abcdefghij", "abcdefghik")).isNegative();
        assertThat(ColumnOrder.NAMES.compare("abcdefgh", "abcdefghi")).isNegative();
        assertThat(ColumnOrder.NAMES.compare("same", "same")).isZero();
    }
}
