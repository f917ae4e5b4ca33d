package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class CustomTypeTest {
    @Test
    void keepsValuesAsOpaqueBytes() {
        CustomType type = CustomType.of("com.example.MyType");
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {1, (byte) 0xFF});
        assertThat(type.cqlName()).isEqualTo("'com.example.MyType'");
        assertThat(type.marshalClassName()).isEqualTo("com.example.MyType");
        assertThat(type.deserialize(type.serialize(bytes))).isEqualTo(bytes);
        assertThat(type.toCqlLiteral(bytes)).isEqualTo("0x01ff");
        assertThat(type.fromString("0x01ff")).isEqualTo(bytes);
        assertThat(type.compare(ByteBuffer.wrap(new byte[] {1}), bytes)).isNegative();
    }
}
