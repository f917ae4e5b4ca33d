package org.charybdis.server.schema;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.CustomType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.schema.ColumnMetadata.Kind;
import org.charybdis.server.system.SystemKeyspaces;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaJsonTest {
    private static final String KS = "ks";

    // built with the type constructors, not the parser, so the round trip checks the parser independently
    private static final UserType PHONE = UserType.of(KS, "phone", List.of("country", "number"),
            List.of(NativeType.INT, NativeType.TEXT), false);
    private static final UserType ADDRESS = UserType.of(KS, "address", List.of("street", "Phones"),
            List.of(NativeType.TEXT, ListType.of(PHONE, false)), false);
    /** Sorts before the types it uses ("P" < "a"), so reading must resolve them out of file order. */
    private static final UserType PERSON = UserType.of(KS, "Person", List.of("name", "home", "tags"),
            List.of(NativeType.TEXT, ADDRESS, SetType.of(NativeType.TEXT, false)), false);

    @Test
    void roundTripsEveryColumnKindTypeAndOption() {
        Schema schema = richSchema();

        Schema read = SchemaJson.decode(SchemaJson.encode(schema, ks -> true));

        assertSameSchema(read, schema);
        TableParams params = read.table(KS, "everything").params();
        assertThat(params.get("bloom_filter_fp_chance")).isInstanceOf(Double.class).isEqualTo(0.05);
        assertThat(params.get("crc_check_chance")).isInstanceOf(Double.class).isEqualTo(1.0);
        assertThat(params.get("default_time_to_live")).isInstanceOf(Integer.class).isEqualTo(3600);
        assertThat(params.get("cdc")).isInstanceOf(Boolean.class).isEqualTo(true);
        assertThat(params.get("comment")).isEqualTo("it's \"quoted\", ünïcode");
        assertThat(params.mapOption("compaction")).containsExactly(
                Map.entry("class", "org.apache.cassandra.db.compaction.UnifiedCompactionStrategy"), Map.entry("scaling_parameters", "T4,L10"));
    }

    @Test
    void columnTypesKeepFreezingAndResolveUserTypesOfTheirKeyspace() {
        Schema read = SchemaJson.decode(SchemaJson.encode(richSchema(), ks -> true));
        TableMetadata table = read.table(KS, "everything");

        assertThat(table.column("r_udt").type()).isInstanceOf(UserType.class).matches(CqlType::isMultiCell);
        assertThat(table.column("r_frozen_udt").type().isMultiCell()).isFalse();
        assertThat(((UserType) table.column("r_frozen_udt").type()).fieldTypes().get(1)).isEqualTo(ADDRESS);
        assertThat(table.column("r_list").type()).isEqualTo(ListType.of(PHONE, true));
        assertThat(table.column("r_vector_udt").type()).isEqualTo(VectorType.of(PHONE, 2));
        assertThat(table.column("r_custom").type()).isEqualTo(CustomType.of("org.example.It'sType"));
        assertThat(read.keyspace(KS).types()).containsOnlyKeys("Person", "address", "phone");
        assertThat(read.keyspace(KS).types().get("Person")).isEqualTo(PERSON);
    }

    @Test
    void savesOnlyTheKeyspacesAskedForAndTheVersion() {
        Schema schema = richSchema();

        Schema read = SchemaJson.decode(SchemaJson.encode(schema, ks -> !SystemKeyspaces.isLocal(ks)));

        assertThat(read.keyspaces()).containsOnlyKeys(KS, "other", SystemKeyspaces.SYSTEM_AUTH, SystemKeyspaces.SYSTEM_DISTRIBUTED,
                SystemKeyspaces.SYSTEM_TRACES);
        assertThat(read.version()).isEqualTo(schema.version());
        assertThat(read.table(SystemKeyspaces.SYSTEM_AUTH, "roles").id()).isEqualTo(schema.table(SystemKeyspaces.SYSTEM_AUTH, "roles").id());
    }

    @Test
    void indexesRoundTripAndFilesWithoutThemReadAsNone() {
        TableMetadata plain = table("k", "t", List.of(column("id", Kind.PARTITION_KEY, 0, NativeType.INT, 0),
                column("v", Kind.REGULAR, 0, NativeType.INT, 1)), 2, TableParams.defaultParams(), Map.of());
        IndexMetadata legacy = new IndexMetadata("t_v_idx", UUID.randomUUID(), "v", IndexMetadata.Target.SIMPLE, null, Map.of());
        IndexMetadata sai = new IndexMetadata("sai_v", UUID.randomUUID(), "v", IndexMetadata.Target.SIMPLE, "sai", Map.of("k", "x"));
        Schema schema = Schema.empty().with(KeyspaceMetadata.create("k", Map.of("class", "SimpleStrategy"), true)
                .withTable(plain.withIndex(legacy).withIndex(sai)));

        TableMetadata read = SchemaJson.decode(SchemaJson.encode(schema, ks -> true)).table("k", "t");

        assertThat(read.indexes()).containsExactly(Map.entry("sai_v", sai), Map.entry("t_v_idx", legacy));
        Schema withoutIndexes = Schema.empty().with(KeyspaceMetadata.create("k", Map.of("class", "SimpleStrategy"), true).withTable(plain));
        assertThat(new String(SchemaJson.encode(withoutIndexes, ks -> true), StandardCharsets.UTF_8)).doesNotContain("indexes");
        assertThat(SchemaJson.decode(SchemaJson.encode(withoutIndexes, ks -> true)).table("k", "t").indexes()).isEmpty();
    }

    @Test
    void compactStorageRoundTripsAndFilesWithoutItReadAsNone() {
        TableMetadata dense = table("k", "t", List.of(column("id", Kind.PARTITION_KEY, 0, NativeType.INT, 0),
                column("c", Kind.CLUSTERING, 0, NativeType.INT, 0), column("value", Kind.REGULAR, 0, CustomType.EMPTY, 1)),
                2, TableParams.defaultParams(), Map.of()).withCompactStorage(CompactStorage.DENSE);
        Schema schema = Schema.empty().with(KeyspaceMetadata.create("k", Map.of("class", "SimpleStrategy"), true).withTable(dense));

        TableMetadata read = SchemaJson.decode(SchemaJson.encode(schema, ks -> true)).table("k", "t");

        assertThat(read.compactStorage()).isEqualTo(CompactStorage.DENSE);
        assertThat(read.column("value").type()).isEqualTo(CustomType.EMPTY);
        assertThat(read.visibleColumns()).extracting(ColumnMetadata::name).containsExactly("id", "c");
        Schema ordinary = Schema.empty().with(KeyspaceMetadata.create("k", Map.of("class", "SimpleStrategy"), true)
                .withTable(dense.withCompactStorage(CompactStorage.NONE)));
        assertThat(new String(SchemaJson.encode(ordinary, ks -> true), StandardCharsets.UTF_8)).doesNotContain("compact_storage");
        assertThat(SchemaJson.decode(SchemaJson.encode(ordinary, ks -> true)).table("k", "t").compactStorage()).isEqualTo(CompactStorage.NONE);
    }

    @Test
    void nonFiniteDoublesSurvive() {
        Schema schema = Schema.empty().with(KeyspaceMetadata.create("k", Map.of("class", "SimpleStrategy"), true)
                .withTable(table("k", "t", List.of(column("id", Kind.PARTITION_KEY, 0, NativeType.INT, 0)), 0,
                        TableParams.defaultParams().with("crc_check_chance", Double.NaN), Map.of())));

        Schema read = SchemaJson.decode(SchemaJson.encode(schema, ks -> true));

        assertThat((Double) read.table("k", "t").params().get("crc_check_chance")).isNaN();
    }

    @Test
    void refusesNewerFormatsAndNamesWhatIsWrong() {
        assertThatThrownBy(() -> SchemaJson.decode("{\"format_version\": 99, \"schema_version\": 1, \"keyspaces\": []}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newer");
        assertThatThrownBy(() -> SchemaJson.decode("{\"format_version\": 1, \"schema_ver".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        String json = new String(SchemaJson.encode(richSchema(), ks -> ks.equals(KS)), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SchemaJson.decode(json.replace("\"timeuuid\"", "\"no_such_type\"").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table everything, column ck1")
                .hasMessageContaining("no_such_type");
        assertThatThrownBy(() -> SchemaJson.decode(json.replace("\"kind\" : \"int\"", "\"kind\" : \"long\"").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown value kind 'long'");
        assertThatThrownBy(() -> SchemaJson.decode(json.replace("\"next_column_id\"", "\"next_col\"").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing 'next_column_id'");
    }

    /** Every column kind; user types nested, frozen and not; collections in collections; tuples; vectors; custom and counter. */
    static Schema richSchema() {
        Schema schema = SystemKeyspaces.initialSchema();
        KeyspaceMetadata ks = KeyspaceMetadata.create(KS, Map.of("class", "NetworkTopologyStrategy", "dc1", "3"), false)
                .withType("phone", PHONE).withType("address", ADDRESS).withType("Person", PERSON);
        List<ColumnMetadata> columns = new ArrayList<>(List.of(
                column("pk1", Kind.PARTITION_KEY, 0, NativeType.INT, 0),
                column("Pk2", Kind.PARTITION_KEY, 1, NativeType.TEXT, 0),
                new ColumnMetadata("ck1", Kind.CLUSTERING, 0, NativeType.TIMEUUID, true, 0),
                column("ck2", Kind.CLUSTERING, 1, TupleType.of(NativeType.INT, PHONE), 0),
                column("s", Kind.STATIC, -1, NativeType.INT, 0),
                column("s_map", Kind.STATIC, -1, MapType.of(NativeType.TEXT, NativeType.BIGINT, true), 1),
                column("r_udt", Kind.REGULAR, -1, UserType.of(KS, "address", ADDRESS.fieldNames(), ADDRESS.fieldTypes(), true), 2),
                column("r_frozen_udt", Kind.REGULAR, -1, PERSON, 3),
                column("r_list", Kind.REGULAR, -1, ListType.of(PHONE, true), 4),
                column("r_nested", Kind.REGULAR, -1, MapType.of(NativeType.TEXT,
                        MapType.of(NativeType.INT, ListType.of(NativeType.TEXT, false), false), true), 5),
                column("r_set", Kind.REGULAR, -1, SetType.of(TupleType.of(NativeType.INT, ADDRESS), true), 6),
                column("r_frozen_list", Kind.REGULAR, -1, ListType.of(SetType.of(NativeType.UUID, false), false), 7),
                column("r_vector", Kind.REGULAR, -1, VectorType.of(NativeType.FLOAT, 3), 8),
                column("r_vector_udt", Kind.REGULAR, -1, VectorType.of(PHONE, 2), 9),
                column("r_custom", Kind.REGULAR, -1, CustomType.of("org.example.It'sType"), 10),
                column("r_duration", Kind.REGULAR, -1, NativeType.DURATION, 11),
                column("r_masked", Kind.REGULAR, -1, NativeType.TEXT, 12).withMask(new ColumnMask("mask_inner",
                        List.of(NativeType.INT, NativeType.INT, NativeType.TEXT), java.util.Arrays.asList(NativeType.INT.serialize(1), null,
                                NativeType.TEXT.serialize("#"))))));
        Map<String, String> compaction = new LinkedHashMap<>();
        compaction.put("class", "org.apache.cassandra.db.compaction.UnifiedCompactionStrategy");
        compaction.put("scaling_parameters", "T4,L10");
        TableParams params = TableParams.defaultParams()
                .with("comment", "it's \"quoted\", ünïcode")
                .with("bloom_filter_fp_chance", 0.05)
                .with("default_time_to_live", 3600)
                .with("cdc", true)
                .with("compaction", compaction)
                .with("extensions", Map.of("ext", "value"));
        Map<String, TableMetadata.DroppedColumn> dropped = new LinkedHashMap<>();
        dropped.put("gone", new TableMetadata.DroppedColumn("gone", "frozen<list<int>>", "regular", 1_700_000_000_123_456L));
        dropped.put("old_static", new TableMetadata.DroppedColumn("old_static", "text", "static", 1_700_000_001_000_000L));
        ks = ks.withTable(table(KS, "everything", columns, 14, params, dropped));
        ks = ks.withTable(table(KS, "counts", List.of(column("id", Kind.PARTITION_KEY, 0, NativeType.UUID, 0),
                column("hits", Kind.REGULAR, -1, NativeType.COUNTER, 0)), 1, TableParams.defaultParams(), Map.of()));
        KeyspaceMetadata other = KeyspaceMetadata.create("other", Map.of("class", "SimpleStrategy", "replication_factor", "1"), true);
        KeyspaceMetadata auth = schema.keyspace(SystemKeyspaces.SYSTEM_AUTH).withParams(Map.of("class", "SimpleStrategy",
                "replication_factor", "2"), true);
        return schema.with(ks).with(other).with(auth);
    }

    static void assertSameSchema(Schema actual, Schema expected) {
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual.keyspaces().keySet()).isEqualTo(expected.keyspaces().keySet());
        for (KeyspaceMetadata want : expected.keyspaces().values()) {
            KeyspaceMetadata got = actual.keyspace(want.name());
            assertThat(got.replication()).isEqualTo(want.replication());
            assertThat(got.durableWrites()).isEqualTo(want.durableWrites());
            assertThat(got.types()).isEqualTo(want.types());
            assertThat(got.tables().keySet()).isEqualTo(want.tables().keySet());
            for (TableMetadata table : want.tables().values()) assertSameTable(got.table(table.name()), table);
        }
    }

    private static void assertSameTable(TableMetadata actual, TableMetadata expected) {
        assertThat(actual.keyspace()).isEqualTo(expected.keyspace());
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.allColumns()).as(expected + " columns").containsExactlyElementsOf(expected.allColumns());
        assertThat(actual.nextColumnId()).isEqualTo(expected.nextColumnId());
        assertThat(actual.droppedColumns()).isEqualTo(expected.droppedColumns());
        assertThat(actual.params().options()).as(expected + " options").containsExactlyEntriesOf(expected.params().options());
        for (var option : expected.params().options().entrySet()) {
            Object value = actual.params().get(option.getKey());
            if (!(option.getValue() instanceof Map)) assertThat(value).isExactlyInstanceOf(option.getValue().getClass());
        }
    }

    private static ColumnMetadata column(String name, Kind kind, int position, CqlType type, int id) {
        return new ColumnMetadata(name, kind, position, type, false, id);
    }

    private static TableMetadata table(String keyspace, String name, List<ColumnMetadata> columns, int nextColumnId,
                                       TableParams params, Map<String, TableMetadata.DroppedColumn> dropped) {
        return new TableMetadata(keyspace, name, UUID.nameUUIDFromBytes((keyspace + name).getBytes(StandardCharsets.UTF_8)),
                columns, params, nextColumnId, dropped);
    }
}
