package org.charybdis.server.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Prepared single-partition writes and reads over many partition keys of several types, single and composite, each
 * statement binding its key columns in another order than the table declares them (and among clustering columns): a
 * token-aware driver finds the key through the prepared statement's partition key indexes, hashes it and routes by the
 * token. Tests run it through a driver and compare the coordinator's local and cross-shard operations.
 */
public final class ShardRoutingWorkload {
    public static final String KEYSPACE = "shard_routing";

    /** A table, the columns of its partition key and, for key index {@code i}, their values in that order. */
    private record KeyedTable(String name, String columns, List<String> partitionKey, IntFunction<List<Object>> key) {}

    private static final List<KeyedTable> TABLES = List.of(
            new KeyedTable("by_int", "k int PRIMARY KEY, v text", List.of("k"), i -> List.of(i)),
            new KeyedTable("by_bigint", "k bigint PRIMARY KEY, v text", List.of("k"), i -> List.of(i * 0x9E3779B97F4A7C15L)),
            new KeyedTable("by_text", "k text PRIMARY KEY, v text", List.of("k"), i -> List.of("key-" + i)),
            new KeyedTable("by_uuid", "k uuid PRIMARY KEY, v text", List.of("k"), i -> List.of(uuid(i))),
            new KeyedTable("by_blob", "k blob PRIMARY KEY, v text", List.of("k"),
                    i -> List.of(ByteBuffer.wrap(("blob-" + i).getBytes(StandardCharsets.UTF_8)))),
            new KeyedTable("by_int_text", "a int, b text, c int, v text, PRIMARY KEY ((a, b), c)", List.of("a", "b"),
                    i -> List.of(i, "b" + (i % 7))),
            new KeyedTable("by_uuid_bigint_text", "a uuid, b bigint, c text, v text, PRIMARY KEY ((a, b, c))", List.of("a", "b", "c"),
                    i -> List.of(uuid(i % 5), (long) i, "c" + i)));

    private static final int IN_FLIGHT = 32;

    private final CqlSession session;
    private final List<Statements> statements = new ArrayList<>();

    private record Statements(KeyedTable table, PreparedStatement insert, PreparedStatement select) {}

    /** Creates the keyspace and tables (if missing) and prepares the statements. */
    public ShardRoutingWorkload(CqlSession session) {
        this.session = session;
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (KeyedTable table : TABLES) {
            session.execute("CREATE TABLE IF NOT EXISTS " + KEYSPACE + "." + table.name() + " (" + table.columns() + ")");
            // the key's columns last and reversed, a clustering column (if any) between the value and them
            List<String> bound = new ArrayList<>(table.partitionKey().reversed());
            boolean clustered = table.columns().contains("c int");
            String insertColumns = "v" + (clustered ? ", c" : "") + ", " + String.join(", ", bound);
            String marks = "?, ".repeat(insertColumns.split(",").length - 1) + "?";
            PreparedStatement insert = session.prepare("INSERT INTO " + KEYSPACE + "." + table.name()
                    + " (" + insertColumns + ") VALUES (" + marks + ")");
            String where = (clustered ? "c = ? AND " : "") + String.join(" = ? AND ", bound) + " = ?";
            PreparedStatement select = session.prepare("SELECT v FROM " + KEYSPACE + "." + table.name() + " WHERE " + where);
            statements.add(new Statements(table, insert, select));
        }
    }

    /**
     * For keys 0 to {@code keysPerTable - 1} of every table: writes the key's row, then reads it back and checks the
     * value, {@value #IN_FLIGHT} keys at a time. Returns the number of statements run, each touching one partition.
     */
    public int run(int keysPerTable) {
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (Statements s : statements) {
            for (int i = 0; i < keysPerTable; i++) {
                inFlight.add(writeThenRead(s, i));
                if (inFlight.size() == IN_FLIGHT) awaitAll(inFlight);
            }
        }
        awaitAll(inFlight);
        return 2 * keysPerTable * statements.size();
    }

    private CompletableFuture<?> writeThenRead(Statements s, int i) {
        boolean clustered = s.table().columns().contains("c int");
        List<Object> key = s.table().key().apply(i).reversed();
        String value = s.table().name() + "-" + i;
        List<Object> insertValues = new ArrayList<>(List.of(value));
        List<Object> selectValues = new ArrayList<>();
        if (clustered) {
            insertValues.add(i % 3);
            selectValues.add(i % 3);
        }
        insertValues.addAll(key);
        selectValues.addAll(key);
        return session.executeAsync(s.insert().bind(insertValues.toArray()))
                .thenCompose(written -> session.executeAsync(s.select().bind(selectValues.toArray())))
                .thenAccept(read -> {
                    Row row = read.one();
                    if (row == null || !value.equals(row.getString(0))) {
                        throw new AssertionError(s.table().name() + " key " + i + ": read " + (row == null ? "no row" : row.getString(0)));
                    }
                }).toCompletableFuture();
    }

    private static void awaitAll(List<CompletableFuture<?>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        futures.clear();
    }

    private static UUID uuid(int i) {
        return UUID.nameUUIDFromBytes(("uuid-" + i).getBytes(StandardCharsets.UTF_8));
    }
}
