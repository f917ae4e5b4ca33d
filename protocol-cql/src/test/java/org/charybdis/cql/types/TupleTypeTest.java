package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TupleTypeTest {
    private static final TupleType INT_TEXT = TupleType.of(NativeType.INT, NativeType.TEXT);

    @Test
    void isAlwaysFrozenWithFrozenComponents() {
        assertThat(INT_TEXT.cqlName()).isEqualTo("frozen<tuple<int, text>>");
        TupleType withList = TupleType.of(NativeType.INT, ListType.of(NativeType.INT, true));
        assertThat(withList.cqlName()).isEqualTo("frozen<tuple<int, frozen<list<int>>>>");
        assertThat(withList.isMultiCell()).isFalse();
        assertThat(INT_TEXT.marshalClassName()).isEqualTo("org.apache.cassandra.db.marshal.TupleType("
                + "org.apache.cassandra.db.marshal.Int32Type,org.apache.cassandra.db.marshal.UTF8Type)");
        assertThat(INT_TEXT).isEqualTo(TupleType.of(List.of(NativeType.INT, NativeType.TEXT)));
        assertThatThrownBy(() -> TupleType.of(NativeType.COUNTER)).hasMessage("Counters are not allowed inside tuples");
    }

    @Test
    void serializesComponentsWithNulls() {
        ByteBuffer bytes = INT_TEXT.serialize(TupleValue.of(1, null));
        assertThat(bytes.remaining()).isEqualTo(8 + 4);
        assertThat(INT_TEXT.deserialize(bytes)).isEqualTo(TupleValue.of(1, null));
        assertThat(INT_TEXT.toCqlLiteral(bytes)).isEqualTo("(1, null)");
        assertThat(INT_TEXT.serialize(List.of(2, "x"))).isEqualTo(INT_TEXT.serialize(TupleValue.of(2, "x")));
        assertThat(INT_TEXT.toCqlLiteral(INT_TEXT.serialize(List.of(2, "it's")))).isEqualTo("(2, 'it''s')");
    }

    @Test
    void missingTrailingComponentsReadAsNull() {
        ByteBuffer shortValue = INT_TEXT.serialize(List.of(7));
        INT_TEXT.validate(shortValue);
        assertThat(INT_TEXT.deserialize(shortValue)).isEqualTo(TupleValue.of(7, null));
        assertThat(INT_TEXT.compare(shortValue, INT_TEXT.serialize(Arrays.asList(7, null)))).isZero();
    }

    @Test
    void comparesComponentWiseWithNullFirst() {
        ByteBuffer nullFirst = INT_TEXT.serialize(Arrays.asList(null, "z"));
        ByteBuffer oneA = INT_TEXT.serialize(List.of(1, "a"));
        ByteBuffer oneB = INT_TEXT.serialize(List.of(1, "b"));
        ByteBuffer two = INT_TEXT.serialize(List.of(2, "a"));
        assertThat(INT_TEXT.compare(nullFirst, oneA)).isNegative();
        assertThat(INT_TEXT.compare(oneA, oneB)).isNegative();
        assertThat(INT_TEXT.compare(oneB, two)).isNegative();
        assertThat(INT_TEXT.compare(INT_TEXT.serialize(List.of(1)), oneA)).isNegative();
    }

    @Test
    void validationChecksComponents() {
        assertThatThrownBy(() -> INT_TEXT.serialize(List.of(1, "a", 3))).hasMessageContaining("Too many values");
        ByteBuffer tooMany = ValueFraming.packFields(Arrays.asList(null, null, null));
        assertThatThrownBy(() -> INT_TEXT.validate(tooMany)).hasMessage("Tuple value has more than 2 fields");
        ByteBuffer badInt = ValueFraming.packFields(List.of(ByteBuffer.allocate(3)));
        assertThatThrownBy(() -> INT_TEXT.validate(badInt)).hasMessage("Expected 4 or 0 byte int (3)");
        ByteBuffer truncated = ByteBuffer.allocate(6).putInt(0, 4);
        assertThatThrownBy(() -> INT_TEXT.validate(truncated)).hasMessageContaining("Not enough bytes");
    }
}
