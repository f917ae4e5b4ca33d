package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CqlTypeParserTest {
    private static final UserType ADDRESS = UserType.of("ks", "address", List.of("street"), List.of(NativeType.TEXT), true);
    private static final UserType MIXED_CASE = UserType.of("ks", "My Type", List.of("a"), List.of(NativeType.INT), true);
    private static final UserTypeResolver RESOLVER = (keyspace, name) -> {
        if (keyspace != null && !keyspace.equals("ks")) {
            return null;
        }
        return switch (name) {
            case "address" -> ADDRESS;
            case "My Type" -> MIXED_CASE;
            default -> null;
        };
    };

    @ParameterizedTest
    @ValueSource(strings = {"int", "text", "list<int>", "frozen<list<frozen<tuple<int, text>>>>", "map<text, frozen<address>>",
            "vector<float, 3>", "frozen<map<text, int>>", "set<frozen<set<bigint>>>", "address", "frozen<address>",
            "frozen<\"My Type\">", "frozen<tuple<int, frozen<list<int>>>>", "'com.example.Custom'", "list<frozen<address>>",
            "vector<text, 2>", "duration", "map<timeuuid, frozen<map<inet, decimal>>>"})
    void printsBackWhatItParses(String text) {
        assertThat(CqlTypeParser.parse(text, RESOLVER).cqlName()).isEqualTo(text);
    }

    @Test
    void normalizesAliasesCaseAndSpacing() {
        assertThat(CqlTypeParser.parse("varchar")).isSameAs(NativeType.TEXT);
        assertThat(CqlTypeParser.parse("  MAP < VARCHAR ,INT > ")).isEqualTo(MapType.of(NativeType.TEXT, NativeType.INT, true));
        assertThat(CqlTypeParser.parse("tuple<int, list<int>>").cqlName()).isEqualTo("frozen<tuple<int, frozen<list<int>>>>");
        assertThat(CqlTypeParser.parse("frozen<list<list<int>>>").cqlName()).isEqualTo("frozen<list<frozen<list<int>>>>");
        assertThat(CqlTypeParser.parse("ks.address", RESOLVER)).isEqualTo(ADDRESS);
        assertThat(CqlTypeParser.parse("ADDRESS", RESOLVER)).isEqualTo(ADDRESS);
    }

    @Test
    void decidesFrozennessFromTheText() {
        CqlType nonFrozen = CqlTypeParser.parse("address", RESOLVER);
        assertThat(nonFrozen.isMultiCell()).isTrue();
        CqlType frozen = CqlTypeParser.parse("frozen<address>", (ks, name) -> ADDRESS.freeze());
        assertThat(frozen.isMultiCell()).isFalse();
        assertThat(CqlTypeParser.parse("list<int>").isMultiCell()).isTrue();
        assertThat(CqlTypeParser.parse("vector<float, 3>").isMultiCell()).isFalse();
    }

    @Test
    void refusesBadTypesClearly() {
        assertThatThrownBy(() -> CqlTypeParser.parse("nosuch")).isInstanceOf(InvalidTypeException.class)
                .hasMessage("Unknown type nosuch");
        assertThatThrownBy(() -> CqlTypeParser.parse("other.address", RESOLVER)).hasMessage("Unknown type other.address");
        assertThatThrownBy(() -> CqlTypeParser.parse("list<list<int>>")).hasMessageContaining("Non-frozen collections are not allowed");
        assertThatThrownBy(() -> CqlTypeParser.parse("list<address>", RESOLVER)).hasMessageContaining("Non-frozen UDTs are not allowed");
        assertThatThrownBy(() -> CqlTypeParser.parse("frozen<int>")).hasMessageContaining("frozen<> is only allowed");
        assertThatThrownBy(() -> CqlTypeParser.parse("map<int>")).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> CqlTypeParser.parse("list<int")).hasMessageContaining("expected '>'");
        assertThatThrownBy(() -> CqlTypeParser.parse("int int")).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> CqlTypeParser.parse("vector<float, x>")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> CqlTypeParser.parse("set<counter>")).hasMessage("Counters are not allowed inside collections");
        assertThatThrownBy(() -> CqlTypeParser.parse("whatever<int>")).hasMessageContaining("unknown parameterized type");
    }
}
