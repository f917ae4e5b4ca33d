package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeOptionTest {
    private static CqlType roundTrip(CqlType type) {
        ByteBuf buf = Unpooled.buffer();
        try {
            TypeOption.write(buf, type);
            CqlType read = TypeOption.read(buf);
            assertThat(buf.readableBytes()).as("bytes left after %s", type).isZero();
            return read;
        } finally {
            buf.release();
        }
    }

    private static String hexOf(CqlType type) {
        ByteBuf buf = Unpooled.buffer();
        try {
            TypeOption.write(buf, type);
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void everyNativeTypeRoundTrips() {
        for (NativeType type : NativeType.values()) {
            assertThat(roundTrip(type)).isSameAs(type);
        }
        assertThat(hexOf(NativeType.INT)).isEqualTo("0009");
        assertThat(hexOf(NativeType.TEXT)).isEqualTo("000d");
        assertThat(hexOf(NativeType.DURATION)).isEqualTo("0015");
    }

    @Test
    void collectionsComeBackFrozen() {
        assertThat(hexOf(ListType.of(NativeType.INT, true))).isEqualTo("00200009");
        assertThat(hexOf(MapType.of(NativeType.TEXT, NativeType.BIGINT, true))).isEqualTo("0021000d0002");
        assertThat(hexOf(SetType.of(NativeType.UUID, false))).isEqualTo("0022000c");
        CqlType nested = MapType.of(NativeType.TEXT, ListType.of(SetType.of(NativeType.INT, false), false), true);
        assertThat(roundTrip(nested)).isEqualTo(nested.freeze());
    }

    @Test
    void tuplesUdtsVectorsAndCustomTypesRoundTrip() {
        TupleType tuple = TupleType.of(NativeType.INT, NativeType.TEXT, NativeType.DATE);
        assertThat(hexOf(tuple)).isEqualTo("0031" + "0003" + "0009000d0011");
        assertThat(roundTrip(tuple)).isEqualTo(tuple);
        UserType udt = UserType.of("ks", "address", List.of("street", "zip"), List.of(NativeType.TEXT, tuple), false);
        assertThat(hexOf(udt)).startsWith("0030" + "00026b73" + "0007" + ByteBufUtil.hexDump("address".getBytes()) + "0002");
        assertThat(roundTrip(udt)).isEqualTo(udt);
        VectorType vector = VectorType.of(NativeType.FLOAT, 3);
        assertThat(roundTrip(vector)).isEqualTo(vector);
        assertThat(hexOf(vector)).startsWith("0000");
        CustomType custom = CustomType.of("com.example.Thing");
        assertThat(roundTrip(custom)).isEqualTo(custom);
        VectorType ofLists = VectorType.of(ListType.of(NativeType.TEXT, false), 2);
        assertThat(roundTrip(ofLists)).isEqualTo(ofLists);
    }

    @Test
    void unknownIdsAreRefused() {
        ByteBuf buf = Unpooled.buffer().writeShort(0x0040);
        try {
            assertThatThrownBy(() -> TypeOption.read(buf)).isInstanceOf(InvalidTypeException.class)
                    .hasMessage("Unknown type option id 0x0040");
        } finally {
            buf.release();
        }
    }

    @Test
    void hostileNestingIsBounded() {
        ByteBuf buf = Unpooled.buffer();
        try {
            for (int i = 0; i < 1000; i++) {
                buf.writeShort(0x0020);
            }
            buf.writeShort(0x0009);
            assertThatThrownBy(() -> TypeOption.read(buf)).hasMessageContaining("nested deeper");
        } finally {
            buf.release();
        }
    }
}
