package org.charybdis.tools.stress;

import org.charybdis.storage.engine.StorageParams;

import java.util.ArrayList;
import java.util.List;

/**
 * The schema a run works on and the statements it sends: the built-in {@link #standard1} or a user's profile file
 * ({@link ProfileFile}). Statements use {@code ?} markers, one {@link ValueSpec} each.
 *
 * @param insertCql null when the profile has no insert (then it cannot write or populate)
 * @param readCql null when the profile has no read
 * @param scanCql null to derive {@code SELECT * ... WHERE token(pk) > ? AND token(pk) <= ?} from the table
 */
record StressProfile(String keyspace, String table, String keyspaceCql, String tableCql, String insertCql, List<ValueSpec> insertValues,
                     String readCql, List<ValueSpec> readValues, String scanCql) {
    static final int STANDARD1_COLUMNS = 5;
    static final int STANDARD1_KEY_SIZE = 10;
    static final int DEFAULT_COLUMN_SIZE = 200;
    static final String STANDARD1 = "standard1";

    StressProfile {
        insertValues = insertValues == null ? List.of() : List.copyOf(insertValues);
        readValues = readValues == null ? List.of() : List.copyOf(readValues);
    }

    /**
     * cassandra-stress's default schema: {@code keyspace1.standard1}, a 10-byte printable blob key (the key index in
     * hex) and five blob columns {@code "C0"} to {@code "C4"} of {@code columnSize} random bytes.
     */
    static StressProfile standard1(int columnSize) {
        return standard1(columnSize, STANDARD1, null);
    }

    /**
     * The same schema in table {@code keyspace1.<table>}, created {@code WITH storage_engine = '<engine>'} unless
     * {@code engine} is null (the server's default), so one server can hold a table per engine.
     */
    static StressProfile standard1(int columnSize, String table, StorageParams.Engine engine) {
        StringBuilder columns = new StringBuilder();
        StringBuilder names = new StringBuilder("key");
        StringBuilder markers = new StringBuilder("?");
        List<ValueSpec> values = new ArrayList<>();
        values.add(ValueSpec.parse("key blob(" + STANDARD1_KEY_SIZE + ")", 0));
        for (int c = 0; c < STANDARD1_COLUMNS; c++) {
            columns.append(", \"C").append(c).append("\" blob");
            names.append(", \"C").append(c).append('"');
            markers.append(", ?");
            values.add(ValueSpec.parse("blob(" + columnSize + ")", c + 1));
        }
        String name = "keyspace1." + table;
        String options = engine == null ? "" : " WITH storage_engine = '" + engine.optionValue() + "'";
        return new StressProfile("keyspace1", table,
                "CREATE KEYSPACE IF NOT EXISTS keyspace1 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
                "CREATE TABLE IF NOT EXISTS " + name + " (key blob PRIMARY KEY" + columns + ")" + options,
                "INSERT INTO " + name + " (" + names + ") VALUES (" + markers + ")", values,
                "SELECT * FROM " + name + " WHERE key = ?", List.of(values.getFirst()),
                null);
    }
}
