package org.charybdis.tools.stress;

import org.charybdis.storage.engine.StorageParams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The YAML profile format, and standard1 built in. */
class ProfileFileTest {
    @Test
    void readsEveryKey() {
        StressProfile p = ProfileFile.parse("""
                keyspace: shop
                table: orders
                table_definition: CREATE TABLE shop.orders (id bigint PRIMARY KEY, note text)
                insert: INSERT INTO shop.orders (id, note) VALUES (?, ?)
                insert_values: [key bigint, text(12)]
                read: SELECT * FROM shop.orders WHERE id = ?
                read_values: key bigint
                scan: SELECT id FROM shop.orders WHERE token(id) > ? AND token(id) <= ?
                """);
        assertThat(p.keyspace()).isEqualTo("shop");
        assertThat(p.keyspaceCql()).isEqualTo("CREATE KEYSPACE IF NOT EXISTS shop WITH replication = "
                + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(p.insertValues()).extracting(Object::toString).containsExactly("key bigint", "text(12)");
        assertThat(p.readValues()).extracting(Object::toString).containsExactly("key bigint");
        assertThat(p.scanCql()).startsWith("SELECT id FROM shop.orders");
    }

    @Test
    void standard1IsCassandraStressSchema() {
        StressProfile p = StressProfile.standard1(300);
        assertThat(p.tableCql()).isEqualTo("CREATE TABLE IF NOT EXISTS keyspace1.standard1 "
                + "(key blob PRIMARY KEY, \"C0\" blob, \"C1\" blob, \"C2\" blob, \"C3\" blob, \"C4\" blob)");
        assertThat(p.insertCql()).isEqualTo("INSERT INTO keyspace1.standard1 (key, \"C0\", \"C1\", \"C2\", \"C3\", \"C4\") VALUES (?, ?, ?, ?, ?, ?)");
        assertThat(p.insertValues()).extracting(Object::toString).containsExactly("key blob(10)", "blob(300)", "blob(300)", "blob(300)",
                "blob(300)", "blob(300)");
    }

    @Test
    void standard1CanBeAnotherTableOnAnotherEngine() {
        StressProfile p = StressProfile.standard1(300, "standard1_rocksdb", StorageParams.Engine.ROCKSDB);
        assertThat(p.table()).isEqualTo("standard1_rocksdb");
        assertThat(p.tableCql()).startsWith("CREATE TABLE IF NOT EXISTS keyspace1.standard1_rocksdb (key blob PRIMARY KEY, \"C0\" blob")
                .endsWith("\"C4\" blob) WITH storage_engine = 'rocksdb'");
        assertThat(p.insertCql()).startsWith("INSERT INTO keyspace1.standard1_rocksdb (key, ");
        assertThat(p.readCql()).isEqualTo("SELECT * FROM keyspace1.standard1_rocksdb WHERE key = ?");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ProfileFile.parse("table: t\ntable_definition: x")).hasMessage("keyspace is required");
        assertThatThrownBy(() -> ProfileFile.parse("keyspace: k\ntable: t\ntable_definition: x\ncolumns: 3"))
                .hasMessageStartingWith("unknown key 'columns'");
        assertThatThrownBy(() -> ProfileFile.parse("keyspace: k\ntable: t\ntable_definition: x\ninsert: INSERT ..."))
                .hasMessageContaining("insert_values is required");
        assertThatThrownBy(() -> ProfileFile.parse("keyspace: k\ntable: t\ntable_definition: x\ninsert: I\ninsert_values: [float]"))
                .hasMessageContaining("insert_values: value 'float' is not");
        assertThatThrownBy(() -> ProfileFile.parse("- a list")).hasMessageContaining("expected a YAML mapping");
    }
}
