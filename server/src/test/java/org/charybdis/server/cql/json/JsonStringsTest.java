package org.charybdis.server.cql.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonStringsTest {
    private static String key(String name) {
        StringBuilder out = new StringBuilder();
        JsonStrings.appendKey(name, out);
        return out.toString();
    }

    @Test
    void namesWithUpperCaseBecomeQuotedKeys() {
        assertThat(key("k")).isEqualTo("\"k\"");
        assertThat(key("Key")).isEqualTo("\"\\\"Key\\\"\"");
        assertThat(key("a b")).isEqualTo("\"a b\"");
        assertThat(key("x\"y")).isEqualTo("\"x\\\"y\"");
        assertThat(key("system.tojson(k)")).isEqualTo("\"system.tojson(k)\"");
    }

    @Test
    void keysAreLowerCasedUnlessQuoted() {
        assertThat(JsonStrings.nameOfKey("K")).isEqualTo("k");
        assertThat(JsonStrings.nameOfKey("\"K\"")).isEqualTo("K");
        assertThat(JsonStrings.nameOfKey("\"with\"quote\"")).isEqualTo("with\"quote");
        assertThat(JsonStrings.nameOfKey("\"")).isEqualTo("\"");
        assertThat(JsonStrings.nameOfKey("\"\"")).isEqualTo("");
    }
}
