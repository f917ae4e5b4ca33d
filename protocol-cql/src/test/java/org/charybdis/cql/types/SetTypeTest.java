package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetTypeTest {
    private static final SetType TEXTS = SetType.of(NativeType.TEXT, true);

    @Test
    void serializedElementsAreSortedAndUnique() {
        ByteBuffer bytes = TEXTS.serialize(new LinkedHashSet<>(List.of("pear", "apple", "fig")));
        assertThat(TEXTS.deserialize(bytes)).containsExactly("apple", "fig", "pear");
        assertThat(TEXTS.toCqlLiteral(bytes)).isEqualTo("{'apple', 'fig', 'pear'}");
        assertThat(TEXTS.deserialize(TEXTS.serialize(List.of("b", "a", "b")))).containsExactly("a", "b");
        assertThat(TEXTS.cqlName()).isEqualTo("set<text>");
        assertThat(TEXTS.freeze().cqlName()).isEqualTo("frozen<set<text>>");
        assertThat(TEXTS.toCqlLiteral(TEXTS.serialize(Set.of()))).isEqualTo("{}");
    }

    @Test
    void sortsByTheElementComparatorNotByBytes() {
        SetType ints = SetType.of(NativeType.INT, false);
        assertThat(ints.deserialize(ints.serialize(Set.of(5, -3, 0)))).containsExactly(-3, 0, 5);
        ByteBuffer unsorted = ValueFraming.packCollection(
                List.of(NativeType.INT.serialize(2), NativeType.INT.serialize(-1), NativeType.INT.serialize(2)), 1);
        assertThat(ints.deserialize(ints.sortedForm(unsorted))).containsExactly(-1, 2);
    }

    @Test
    void cellsArePathOnlyAndRebuildTheValue() {
        ByteBuffer bytes = TEXTS.serialize(Set.of("b", "a"));
        List<CollectionCell> cells = TEXTS.toCells(bytes);
        assertThat(cells).extracting(c -> NativeType.TEXT.deserialize(c.path())).containsExactly("a", "b");
        assertThat(cells).allSatisfy(c -> assertThat(c.value().remaining()).isZero());
        assertThat(TEXTS.fromCells(cells)).isEqualTo(bytes);
        assertThat(TEXTS.cellPathType()).isEqualTo(NativeType.TEXT);
    }

    @Test
    void frozenSetsCompareElementWise() {
        SetType frozen = SetType.of(NativeType.INT, false);
        assertThat(frozen.compare(frozen.serialize(Set.of(1, 2)), frozen.serialize(Set.of(1, 3)))).isNegative();
        assertThat(frozen.compare(frozen.serialize(Set.of(1)), frozen.serialize(Set.of(1, 2)))).isNegative();
        assertThatThrownBy(() -> frozen.validate(ByteBuffer.allocate(5).putInt(0, 0)))
                .hasMessage("Unexpected extraneous bytes after set value");
    }
}
