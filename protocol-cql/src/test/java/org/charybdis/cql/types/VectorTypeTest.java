package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorTypeTest {
    private static final VectorType FLOAT3 = VectorType.of(NativeType.FLOAT, 3);

    @Test
    void fixedSizeElementsArePackedWithoutLengths() {
        ByteBuffer bytes = FLOAT3.serialize(new float[] {1.0f, 2.5f, -0.0f});
        assertThat(bytes.remaining()).isEqualTo(12);
        assertThat(FLOAT3.valueLengthIfFixed()).isEqualTo(12);
        assertThat(FLOAT3.deserialize(bytes)).containsExactly(1.0f, 2.5f, -0.0f);
        assertThat(FLOAT3.toCqlLiteral(bytes)).isEqualTo("[1.0, 2.5, -0.0]");
        assertThat(FLOAT3.serialize(List.of(1.0f, 2.5f, -0.0f))).isEqualTo(bytes);
        assertThat(FLOAT3.cqlName()).isEqualTo("vector<float, 3>");
        assertThat(FLOAT3.marshalClassName())
                .isEqualTo("org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)");
    }

    @Test
    void variableSizeElementsCarryVintLengths() {
        VectorType texts = VectorType.of(NativeType.TEXT, 2);
        ByteBuffer bytes = texts.serialize(List.of("ab", ""));
        assertThat(HexFormat.of().formatHex(RawBytes.copy(bytes))).isEqualTo("02616200");
        assertThat(texts.deserialize(bytes)).containsExactly("ab", "");
        assertThat(texts.toCqlLiteral(bytes)).isEqualTo("['ab', '']");
        assertThat(texts.valueLengthIfFixed()).isEqualTo(-1);
        assertThatThrownBy(() -> texts.validate(ByteBuffer.wrap(new byte[] {2, 'a'}))).hasMessageContaining("Not enough bytes");
        assertThatThrownBy(() -> texts.validate(ByteBuffer.wrap(new byte[] {0, 0, 0})))
                .hasMessageContaining("Unexpected extraneous bytes");
    }

    @Test
    void refusesWrongDimensionsAndNulls() {
        assertThatThrownBy(() -> FLOAT3.serialize(List.of(1.0f))).hasMessageContaining("expected 3 but got 1");
        assertThatThrownBy(() -> FLOAT3.validate(ByteBuffer.allocate(8))).hasMessageContaining("Expected 12 bytes");
        assertThatThrownBy(() -> FLOAT3.serialize(java.util.Arrays.asList(1.0f, null, 2.0f)))
                .hasMessage("null is not supported inside vectors");
        assertThatThrownBy(() -> VectorType.of(NativeType.FLOAT, 0)).isInstanceOf(InvalidTypeException.class);
    }

    @Test
    void comparesElementWise() {
        ByteBuffer low = FLOAT3.serialize(new float[] {1, 2, 3});
        ByteBuffer high = FLOAT3.serialize(new float[] {1, 2, 4});
        assertThat(FLOAT3.compare(low, high)).isNegative();
        assertThat(FLOAT3.compare(high, low)).isPositive();
        assertThat(FLOAT3.compare(low, FLOAT3.serialize(new float[] {1, 2, 3}))).isZero();
        assertThat(VectorType.of(NativeType.INT, 2)).isEqualTo(VectorType.of(NativeType.INT, 2)).isNotEqualTo(VectorType.of(NativeType.INT, 3));
    }
}
