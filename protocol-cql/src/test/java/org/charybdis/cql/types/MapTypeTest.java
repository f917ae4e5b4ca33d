package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapTypeTest {
    private static final MapType TEXT_TO_INT = MapType.of(NativeType.TEXT, NativeType.INT, true);

    @Test
    void entriesAreSortedByKey() {
        Map<String, Integer> value = new LinkedHashMap<>();
        value.put("z", 1);
        value.put("a", 2);
        ByteBuffer bytes = TEXT_TO_INT.serialize(value);
        assertThat(TEXT_TO_INT.deserialize(bytes)).containsExactly(Map.entry("a", 2), Map.entry("z", 1));
        assertThat(TEXT_TO_INT.toCqlLiteral(bytes)).isEqualTo("{'a': 2, 'z': 1}");
        assertThat(TEXT_TO_INT.cqlName()).isEqualTo("map<text, int>");
        assertThat(TEXT_TO_INT.freeze().cqlName()).isEqualTo("frozen<map<text, int>>");
        assertThat(TEXT_TO_INT.marshalClassName()).isEqualTo("org.apache.cassandra.db.marshal.MapType("
                + "org.apache.cassandra.db.marshal.UTF8Type,org.apache.cassandra.db.marshal.Int32Type)");
        assertThat(TEXT_TO_INT.subTypes()).containsExactly(NativeType.TEXT, NativeType.INT);
    }

    @Test
    void laterDuplicateKeysWinInSortedForm() {
        ByteBuffer raw = ValueFraming.packCollection(List.of(
                NativeType.TEXT.serialize("k"), NativeType.INT.serialize(1),
                NativeType.TEXT.serialize("a"), NativeType.INT.serialize(0),
                NativeType.TEXT.serialize("k"), NativeType.INT.serialize(2)), 2);
        TEXT_TO_INT.validate(raw);
        assertThat(TEXT_TO_INT.deserialize(TEXT_TO_INT.sortedForm(raw))).containsExactly(Map.entry("a", 0), Map.entry("k", 2));
    }

    @Test
    void cellsAreKeyedByMapKey() {
        ByteBuffer bytes = TEXT_TO_INT.serialize(Map.of("b", 2, "a", 1));
        List<CollectionCell> cells = TEXT_TO_INT.toCells(bytes);
        assertThat(cells).extracting(c -> NativeType.TEXT.deserialize(c.path())).containsExactly("a", "b");
        assertThat(cells).extracting(c -> NativeType.INT.deserialize(c.value())).containsExactly(1, 2);
        assertThat(TEXT_TO_INT.fromCells(cells)).isEqualTo(bytes);
        assertThat(TEXT_TO_INT.cellPathType()).isEqualTo(NativeType.TEXT);
        assertThat(TEXT_TO_INT.cellValueType()).isEqualTo(NativeType.INT);
    }

    @Test
    void frozenMapsCompareKeyThenValue() {
        MapType frozen = TEXT_TO_INT.freeze();
        ByteBuffer a1 = frozen.serialize(Map.of("a", 1));
        ByteBuffer a2 = frozen.serialize(Map.of("a", 2));
        ByteBuffer b0 = frozen.serialize(Map.of("b", 0));
        assertThat(frozen.compare(a1, a2)).isNegative();
        assertThat(frozen.compare(a2, b0)).isNegative();
        assertThat(frozen.compare(b0, a1)).isPositive();
    }

    @Test
    void refusesNullValuesAndBadFraming() {
        Map<String, Integer> withNull = new HashMap<>();
        withNull.put("a", null);
        assertThatThrownBy(() -> TEXT_TO_INT.serialize(withNull)).hasMessage("null is not supported inside collections");
        ByteBuffer missingValue = ValueFraming.packCollection(List.of(NativeType.TEXT.serialize("k")), 1);
        assertThatThrownBy(() -> TEXT_TO_INT.validate(missingValue)).hasMessageContaining("Not enough bytes to read a map");
        assertThatThrownBy(() -> TEXT_TO_INT.serialize(List.of())).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> MapType.of(NativeType.INT, SetType.of(NativeType.INT, true), true))
                .isInstanceOf(InvalidTypeException.class);
    }
}
