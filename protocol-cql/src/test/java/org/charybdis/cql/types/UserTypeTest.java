package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserTypeTest {
    private static final UserType ADDRESS = UserType.of("ks", "address", List.of("street", "zip"),
            List.of(NativeType.TEXT, NativeType.INT), true);

    @Test
    void printsByNameQuotedWhenNeeded() {
        assertThat(ADDRESS.cqlName()).isEqualTo("address");
        assertThat(ADDRESS.freeze().cqlName()).isEqualTo("frozen<address>");
        UserType odd = UserType.of("ks", "MyType", List.of("a"), List.of(NativeType.INT), false);
        assertThat(odd.cqlName()).isEqualTo("frozen<\"MyType\">");
        assertThat(ListType.of(ADDRESS.freeze(), true).cqlName()).isEqualTo("list<frozen<address>>");
        assertThat(ADDRESS.marshalClassName()).isEqualTo("org.apache.cassandra.db.marshal.UserType(ks,61646472657373,"
                + "737472656574:org.apache.cassandra.db.marshal.UTF8Type,7a6970:org.apache.cassandra.db.marshal.Int32Type)");
        assertThat(ADDRESS.referencesUserType("ks", "address")).isTrue();
        assertThat(ListType.of(ADDRESS.freeze(), false).referencesUserType("ks", "address")).isTrue();
        assertThat(ADDRESS.referencesUserType("other", "address")).isFalse();
    }

    @Test
    void serializesFromMapsAndListsAndPrintsFieldLiterals() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("zip", 12345);
        ByteBuffer bytes = ADDRESS.serialize(fields);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("street", null);
        expected.put("zip", 12345);
        assertThat(ADDRESS.deserialize(bytes)).isEqualTo(new UdtValue(expected));
        assertThat(ADDRESS.toCqlLiteral(bytes)).isEqualTo("{street: null, zip: 12345}");
        assertThat(ADDRESS.serialize(List.of("Main St", 1))).isEqualTo(ADDRESS.serialize(Map.of("street", "Main St", "zip", 1)));
        assertThatThrownBy(() -> ADDRESS.serialize(Map.of("city", "x"))).hasMessageContaining("Unknown field 'city'");
        UserType quotedField = UserType.of("ks", "t", List.of("Select"), List.of(NativeType.INT), false);
        assertThat(quotedField.toCqlLiteral(quotedField.serialize(List.of(1)))).isEqualTo("{\"Select\": 1}");
    }

    @Test
    void nonFrozenCellsAreKeyedByFieldPosition() {
        ByteBuffer bytes = ADDRESS.serialize(List.of("Main St", 7));
        List<CollectionCell> cells = ADDRESS.toCells(bytes);
        assertThat(cells).extracting(c -> (int) c.path().getShort(0)).containsExactly(0, 1);
        assertThat(ADDRESS.fromCells(cells)).isEqualTo(bytes);
        List<CollectionCell> onlyZip = List.of(new CollectionCell(UserType.cellPathOf(1), NativeType.INT.serialize(7)));
        assertThat(ADDRESS.deserialize(ADDRESS.fromCells(onlyZip)).fields()).containsEntry("zip", 7).containsEntry("street", null);
    }

    @Test
    void comparesFieldWise() {
        UserType frozen = ADDRESS.freeze();
        assertThat(frozen.compare(frozen.serialize(List.of("a", 2)), frozen.serialize(List.of("b", 1)))).isNegative();
        assertThat(frozen.compare(frozen.serialize(List.of("a", 1)), frozen.serialize(List.of("a", 2)))).isNegative();
    }

    @Test
    void equalityCoversFrozennessAndFields() {
        assertThat(ADDRESS).isNotEqualTo(ADDRESS.freeze());
        assertThat(ADDRESS.freeze()).isEqualTo(UserType.of("ks", "address", List.of("street", "zip"),
                List.of(NativeType.TEXT, NativeType.INT), false));
        assertThat(ADDRESS.freeze().hashCode()).isEqualTo(ADDRESS.freeze().hashCode());
        assertThatThrownBy(() -> UserType.of("ks", "t", List.of("a", "a"), List.of(NativeType.INT, NativeType.INT), true))
                .isInstanceOf(InvalidTypeException.class);
    }
}
