package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
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

    @Test
    void cassandrasEmptyTypeIsNamedEmptyAndParsesBack() {
        assertThat(CustomType.EMPTY.cqlName()).isEqualTo("empty");
        assertThat(CustomType.EMPTY.marshalClassName()).isEqualTo("org.apache.cassandra.db.marshal.EmptyType");
        assertThat(CqlTypeParser.parse("empty")).isEqualTo(CustomType.EMPTY);
        UserType named = UserType.of("ks", "empty", List.of("a"), List.of(NativeType.INT), true);
        assertThat(CqlTypeParser.parse("empty", (keyspace, name) -> name.equals("empty") ? named : null))
                .as("a user type of that name wins").isEqualTo(named);
    }
}
