package org.charybdis.server.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema, built through a driver, is the same after the server restarts on its workdir. */
class SchemaRestartTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    private static final List<String> SCHEMA_TABLES = List.of("keyspaces", "tables", "columns", "types", "dropped_columns");

    @Test
    void keyspacesTypesTablesAndTheirChangesSurviveARestart() {
        CqlSession session = session();
        for (String ddl : List.of(
                "CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 1} AND durable_writes = false",
                "CREATE TYPE shop.phone (country int, number text)",
                "CREATE TYPE shop.\"Address\" (street text, phones frozen<list<frozen<phone>>>)",
                "ALTER TYPE shop.\"Address\" ADD zip text",
                "CREATE TYPE shop.person (name text, home frozen<\"Address\">)",
                "CREATE TABLE shop.orders (customer uuid, region text, placed timeuuid, line int, note text static,"
                        + " buyer person, ship_to frozen<\"Address\">, items map<text, frozen<list<frozen<phone>>>>,"
                        + " tags set<frozen<tuple<int, text>>>, embedding vector<float, 3>, extra 'org.example.Custom', old_field int,"
                        + " PRIMARY KEY ((customer, region), placed, line)) WITH CLUSTERING ORDER BY (placed DESC, line ASC)"
                        + " AND comment = 'orders' AND default_time_to_live = 3600 AND bloom_filter_fp_chance = 0.02"
                        + " AND compaction = {'class': 'UnifiedCompactionStrategy', 'scaling_parameters': 'T4'} AND cdc = true",
                "ALTER TABLE shop.orders DROP old_field",
                "ALTER TABLE shop.orders ADD added list<int>",
                "ALTER TABLE shop.orders WITH gc_grace_seconds = 3600 AND caching = {'keys': 'NONE', 'rows_per_partition': 'ALL'}",
                "CREATE TABLE shop.hits (page text PRIMARY KEY, views counter)",
                "CREATE TABLE shop.temporary (id int PRIMARY KEY)",
                "DROP TABLE shop.temporary",
                "CREATE KEYSPACE scratch WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
                "DROP KEYSPACE scratch",
                "ALTER KEYSPACE system_auth WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}")) {
            session.execute(ddl);
        }
        Map<String, List<String>> before = systemSchema(session);
        String metadataBefore = driverMetadata(session, "shop");
        UUID ordersId = tableId(session, "shop", "orders");
        UUID rolesId = tableId(session, "system_auth", "roles");

        server.restart();
        CqlSession restarted = session();

        assertThat(systemSchema(restarted)).isEqualTo(before);
        assertThat(driverMetadata(restarted, "shop")).isEqualTo(metadataBefore);
        assertThat(tableId(restarted, "shop", "orders")).isEqualTo(ordersId);
        assertThat(tableId(restarted, "system_auth", "roles")).isEqualTo(rolesId);
        assertThat(restarted.getMetadata().getKeyspace("scratch")).isEmpty();
        assertThat(before.get("tables")).anyMatch(row -> row.contains("comment:'orders'"));
        assertThat(before.get("dropped_columns")).anyMatch(row -> row.contains("old_field"));
    }

    @Test
    void changesAfterARestartBuildOnTheSavedSchema() {
        CqlSession session = session();
        session.execute("CREATE KEYSPACE notes WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TYPE notes.author (name text, email text)");
        session.execute("CREATE TABLE notes.by_day (day date, at timestamp, who author, body text, PRIMARY KEY (day, at))");
        UUID versionBefore = schemaVersion(session);

        server.restart();
        CqlSession restarted = session();
        assertThat(schemaVersion(restarted)).isEqualTo(versionBefore);

        restarted.execute("ALTER TABLE notes.by_day ADD mood text");
        restarted.execute("ALTER TYPE notes.author ADD handle text");
        restarted.execute("INSERT INTO notes.by_day (day, at, who, body, mood) VALUES ('2024-05-01', 0,"
                + " {name: 'ann', email: 'a@x', handle: '@ann'}, 'hello', 'fine')");
        Row row = restarted.execute("SELECT who, body, mood FROM notes.by_day WHERE day = '2024-05-01'").one();
        assertThat(row.getUdtValue("who").getString("handle")).isEqualTo("@ann");
        assertThat(row.getString("mood")).isEqualTo("fine");
        UUID versionAfterChanges = schemaVersion(restarted);
        assertThat(versionAfterChanges).isNotEqualTo(versionBefore);

        server.restart();
        CqlSession again = session();
        assertThat(schemaVersion(again)).isEqualTo(versionAfterChanges);
        var table = again.getMetadata().getKeyspace("notes").orElseThrow().getTable("by_day").orElseThrow();
        assertThat(table.getColumn("mood")).isPresent();
        assertThat(again.getMetadata().getKeyspace("notes").orElseThrow().getUserDefinedType("author").orElseThrow().getFieldNames())
                .extracting(Object::toString).containsExactly("name", "email", "handle");
    }

    /** A session that refreshes its schema metadata right after each DDL instead of batching changes for a second. */
    private static CqlSession session() {
        return server.session(options -> options.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(1)));
    }

    /** Every row of the system_schema tables, as text, in a stable order. */
    private static Map<String, List<String>> systemSchema(CqlSession session) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String table : SCHEMA_TABLES) {
            List<String> rows = new ArrayList<>();
            for (Row row : session.execute("SELECT * FROM system_schema." + table)) rows.add(row.getFormattedContents());
            rows.sort(null);
            out.put(table, rows);
        }
        return out;
    }

    private static String driverMetadata(CqlSession session, String keyspace) {
        KeyspaceMetadata ks = session.getMetadata().getKeyspace(keyspace).orElseThrow();
        return ks.describeWithChildren(true);
    }

    private static UUID tableId(CqlSession session, String keyspace, String table) {
        return session.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?", keyspace, table)
                .one().getUuid("id");
    }

    private static UUID schemaVersion(CqlSession session) {
        return session.execute("SELECT schema_version FROM system.local").one().getUuid("schema_version");
    }
}
