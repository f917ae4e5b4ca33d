package org.charybdis.tools.admin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryStringTest {
    @Test
    void repeatsParametersEncodesValuesAndSkipsNulls() {
        String query = new QueryString("/storage/flush").add("keyspace", "ks").add("tag", null)
                .addAll("table", List.of("a", "b c&d")).toString();
        assertThat(query).isEqualTo("/storage/flush?keyspace=ks&table=a&table=b+c%26d");
    }

    @Test
    void noParametersIsThePath() {
        assertThat(new QueryString("/storage/drain").addAll("table", null).toString()).isEqualTo("/storage/drain");
    }
}
