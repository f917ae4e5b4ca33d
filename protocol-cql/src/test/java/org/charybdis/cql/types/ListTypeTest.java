package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListTypeTest {
    private static final ListType INTS = ListType.of(NativeType.INT, true);

    @Test
    void usesTheV3CollectionFormat() {
        ByteBuffer bytes = INTS.serialize(List.of(1, 2));
        assertThat(HexFormat.of().formatHex(RawBytes.copy(bytes))).isEqualTo("00000002" + "0000000400000001" + "0000000400000002");
        assertThat(INTS.deserialize(bytes)).containsExactly(1, 2);
        assertThat(INTS.toCqlLiteral(bytes)).isEqualTo("[1, 2]");
        assertThat(INTS.toCqlLiteral(INTS.serialize(List.of()))).isEqualTo("[]");
        INTS.validate(bytes);
    }

    @Test
    void namesFrozenAndNonFrozenForms() {
        assertThat(INTS.cqlName()).isEqualTo("list<int>");
        assertThat(INTS.isMultiCell()).isTrue();
        assertThat(INTS.freeze().cqlName()).isEqualTo("frozen<list<int>>");
        assertThat(INTS.freeze()).isEqualTo(ListType.of(NativeType.INT, false)).isNotEqualTo(INTS);
        assertThat(INTS.marshalClassName()).isEqualTo("org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type)");
        assertThat(INTS.freeze().marshalClassName()).isEqualTo(
                "org.apache.cassandra.db.marshal.FrozenType(org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type))");
        ListType nested = ListType.of(ListType.of(NativeType.TEXT, false), false);
        assertThat(nested.cqlName()).isEqualTo("frozen<list<frozen<list<text>>>>");
    }

    @Test
    void refusesNullsNonFrozenElementsAndCounters() {
        assertThatThrownBy(() -> INTS.serialize(Arrays.asList(1, null))).hasMessage("null is not supported inside collections");
        assertThatThrownBy(() -> ListType.of(INTS, true)).isInstanceOf(InvalidTypeException.class)
                .hasMessageContaining("Non-frozen collections are not allowed inside collections");
        assertThatThrownBy(() -> ListType.of(NativeType.COUNTER, false)).hasMessage("Counters are not allowed inside collections");
    }

    @Test
    void validationReportsBadFraming() {
        assertThatThrownBy(() -> INTS.validate(ByteBuffer.wrap(new byte[] {0, 0}))).hasMessage("Not enough bytes to read a list");
        ByteBuffer extra = ByteBuffer.allocate(9).putInt(0, 1).putInt(4, 0);
        assertThatThrownBy(() -> INTS.validate(extra)).hasMessage("Unexpected extraneous bytes after list value");
        ByteBuffer hugeCount = ByteBuffer.allocate(4).putInt(0, Integer.MAX_VALUE);
        assertThatThrownBy(() -> INTS.validate(hugeCount)).hasMessageContaining("Not enough bytes to read a list");
        ByteBuffer nullElement = ByteBuffer.allocate(8).putInt(0, 1).putInt(4, -1);
        assertThatThrownBy(() -> INTS.validate(nullElement)).hasMessage("null is not supported inside lists");
        ByteBuffer badElement = ByteBuffer.allocate(10).putInt(0, 1).putInt(4, 2);
        assertThatThrownBy(() -> INTS.validate(badElement)).hasMessage("Expected 4 or 0 byte int (2)");
    }

    @Test
    void frozenListsCompareElementWiseThenByLength() {
        ListType frozen = INTS.freeze();
        ByteBuffer empty = frozen.serialize(List.of());
        ByteBuffer one = frozen.serialize(List.of(1));
        ByteBuffer oneTwo = frozen.serialize(List.of(1, 2));
        ByteBuffer two = frozen.serialize(List.of(2));
        assertThat(frozen.compare(ByteBuffer.allocate(0), empty)).isNegative();
        assertThat(frozen.compare(empty, one)).isNegative();
        assertThat(frozen.compare(one, oneTwo)).isNegative();
        assertThat(frozen.compare(oneTwo, two)).isNegative();
        assertThat(frozen.compare(two, frozen.serialize(List.of(2)))).isZero();
        assertThat(frozen.compare(frozen.serialize(List.of(-1)), one)).isNegative();
    }

    @Test
    void splitsIntoTimeuuidKeyedCellsAndRebuilds() {
        TimeUuidGenerator generator = new TimeUuidGenerator(() -> 1_000L, 42);
        ByteBuffer bytes = INTS.serialize(List.of(3, 1, 2));
        List<CollectionCell> cells = INTS.toCells(bytes, generator::next);
        assertThat(cells).hasSize(3);
        assertThat(NativeType.TIMEUUID.compare(cells.get(0).path(), cells.get(1).path())).isNegative();
        assertThat(NativeType.TIMEUUID.compare(cells.get(1).path(), cells.get(2).path())).isNegative();
        assertThat(cells.get(0).value()).isEqualTo(NativeType.INT.serialize(3));
        assertThat(INTS.cellPathType()).isEqualTo(NativeType.TIMEUUID);
        assertThat(INTS.cellValueType()).isEqualTo(NativeType.INT);
        assertThat(INTS.fromCells(cells)).isEqualTo(bytes);
        assertThat(INTS.sortedForm(bytes)).isEqualTo(bytes);
    }
}
