package org.charybdis.tools.stress;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values for the markers: keys from the key index, random values that are the same for the same key. */
class ValueSpecTest {
    @Test
    void keyValuesAreTheKeyIndex() {
        assertThat(ValueSpec.parse("key int", 0).value(42)).isEqualTo(42);
        assertThat(ValueSpec.parse("key bigint", 0).value(1L << 40)).isEqualTo(1L << 40);
        assertThat(ValueSpec.parse("key text(6)", 0).value(255)).isEqualTo("0000FF");
        ByteBuffer blob = (ByteBuffer) ValueSpec.parse("KEY blob(10)", 0).value(42);
        assertThat(StandardCharsets.US_ASCII.decode(blob).toString()).isEqualTo("000000002A");
        assertThat(ValueSpec.hexKey(0x123456789AL, 4)).as("wider keys are not cut").isEqualTo("123456789A");
    }

    @Test
    void randomValuesHaveTheirSizeAndRepeatForTheSameKey() {
        ValueSpec blob = ValueSpec.parse("blob(200)", 3);
        ByteBuffer a = (ByteBuffer) blob.value(7);
        assertThat(a.remaining()).isEqualTo(200);
        assertThat(blob.value(7)).isEqualTo(a);
        assertThat(blob.value(8)).isNotEqualTo(a);
        ValueSpec text = ValueSpec.parse("text ( 12 )", 1);
        assertThat((String) text.value(5)).hasSize(12).matches("[A-Za-z0-9]+").isEqualTo(text.value(5));
        assertThat(ValueSpec.parse("text", 1).value(5)).asString().hasSize(ValueSpec.DEFAULT_SIZE);
        assertThat(ValueSpec.parse("int", 1).value(5)).isInstanceOf(Integer.class).isNotEqualTo(ValueSpec.parse("int", 2).value(5));
        assertThat(ValueSpec.parse("bigint", 1).value(5)).isInstanceOf(Long.class);
    }

    @Test
    void badSpecsAreRefused() {
        assertThatThrownBy(() -> ValueSpec.parse("float", 0)).hasMessageContaining("is not [key] int | bigint | text(N) | blob(N)");
        assertThatThrownBy(() -> ValueSpec.parse("int(4)", 0)).hasMessageContaining("only text and blob take a size");
        assertThatThrownBy(() -> ValueSpec.parse("blob(0)", 0)).hasMessageContaining("the size must be positive");
    }
}
