package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarshalTypeParserTest {
    @Test
    void parsesWhatMarshalClassNameProduces() {
        UserType udt = UserType.of("ks", "address", List.of("street", "zip code"), List.of(NativeType.TEXT, NativeType.INT), true);
        List<CqlType> types = List.of(NativeType.INT, ListType.of(NativeType.TEXT, true),
                MapType.of(NativeType.TEXT, SetType.of(NativeType.INT, false), false), udt, udt.freeze(),
                VectorType.of(NativeType.FLOAT, 3), CustomType.of("com.example.Thing"),
                TupleType.of(NativeType.INT, ListType.of(NativeType.INT, false)));
        for (CqlType type : types) {
            assertThat(MarshalTypeParser.parse(type.marshalClassName())).as(type.marshalClassName()).isEqualTo(type);
        }
    }

    @Test
    void acceptsShortNamesLegacyTypesAndReversed() {
        assertThat(MarshalTypeParser.parse("Int32Type")).isSameAs(NativeType.INT);
        assertThat(MarshalTypeParser.parse("org.apache.cassandra.db.marshal.DateType")).isSameAs(NativeType.TIMESTAMP);
        assertThat(MarshalTypeParser.parse("ReversedType(org.apache.cassandra.db.marshal.LongType)")).isSameAs(NativeType.BIGINT);
        assertThat(MarshalTypeParser.parse("FrozenType(ListType(UTF8Type))")).isEqualTo(ListType.of(NativeType.TEXT, false));
        assertThat(MarshalTypeParser.parse("CompositeType(Int32Type,UTF8Type)"))
                .isEqualTo(CustomType.of("CompositeType(Int32Type,UTF8Type)"));
    }

    @Test
    void refusesMalformedStrings() {
        assertThatThrownBy(() -> MarshalTypeParser.parse("ListType(Int32Type")).isInstanceOf(InvalidTypeException.class);
        assertThatThrownBy(() -> MarshalTypeParser.parse("VectorType(FloatType,x)")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> MarshalTypeParser.parse("UserType(ks,zz)")).hasMessageContaining("hex-encoded");
    }
}
