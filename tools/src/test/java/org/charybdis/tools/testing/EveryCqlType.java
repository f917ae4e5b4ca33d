package org.charybdis.tools.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.uuid.Uuids;

import java.util.Locale;
import java.util.UUID;

/**
 * A table holding every CQL type (a user type, static, frozen and non-frozen collections, a tuple, a vector, clustering
 * columns in DESC and ASC order) and rows with a value in each, for tests that move data between servers or files.
 */
public final class EveryCqlType {
    private EveryCqlType() {}

    /** Creates the keyspace (SimpleStrategy, rf 1) and its user type {@code address}. */
    public static void createKeyspace(CqlSession session, String keyspace) {
        session.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TYPE " + keyspace + ".address (street text, zip int, tags frozen<set<text>>)");
    }

    /** Creates the table {@code keyspace.table}, with a secondary index on {@code t}. */
    public static void createTable(CqlSession session, String keyspace, String table) {
        session.execute("CREATE TABLE " + keyspace + "." + table + " (pk int, pk2 text, ck1 timeuuid, ck2 bigint, st text static, a ascii,"
                + " bi bigint, b blob, bo boolean, d date, de decimal, db double, du duration, f float, i inet, n int, si smallint, t text,"
                + " tm time, ts timestamp, tu timeuuid, ti tinyint, u uuid, vc varchar, vi varint, v vector<float, 3>, l list<int>,"
                + " s set<text>, m map<text, int>, fl frozen<list<int>>, fs frozen<set<int>>, fm frozen<map<int, text>>,"
                + " tup tuple<int, text, double>, ad address, fad frozen<address>, PRIMARY KEY ((pk, pk2), ck1, ck2))"
                + " WITH CLUSTERING ORDER BY (ck1 DESC, ck2 ASC) AND comment = 'every type' AND default_time_to_live = 0");
        session.execute("CREATE INDEX " + table + "_t ON " + keyspace + "." + table + " (t)");
    }

    /**
     * Row {@code r} of partition {@code p} with every column set; {@code using} ends the INSERT, e.g.
     * {@code "USING TIMESTAMP 5 AND TTL 60"} or {@code ""}.
     */
    public static String insert(String keyspace, String table, int p, int r, String using) {
        return String.format(Locale.ROOT, "INSERT INTO %s.%s (pk, pk2, ck1, ck2, st, a, bi, b, bo, d, de, db, du, f, i, n, si, t, tm, ts,"
                        + " tu, ti, u, vc, vi, v, l, s, m, fl, fs, fm, tup, ad, fad) VALUES (%d, 'p%d', %s, %d, 'static %d', 'ascii %d',"
                        + " %d, 0x%08x, %b, '2024-01-%02d', 1234.%04d0, %s, %dh%dm7s, %s, '10.0.%d.%d', %d, %d, 'text é %d', '12:34:56.%09d',"
                        + " '2024-05-06T07:08:09.%03dZ', %s, %d, %s, 'varchar %d', %s, [%d.5, 2.25, -1], [1, %d, 3], {'a', 'b%d'},"
                        + " {'k': %d, 'z': 0}, [%d], {%d, 7}, {1: 'x%d'}, (%d, 'tuple', 1.5), {street: 'street %d', zip: %d, tags: {'t'}},"
                        + " {street: 'frozen', zip: %d, tags: {}}) %s",
                keyspace, table, p, p, timeUuid(p, r), r, p, r, (long) p << 40 | r, p * 16 + r, r == 1, p + 1, p * 3 + r,
                Math.PI * (p + 1) / (r + 7), p, r, Float.toString(1.0f / (p + 3)), p, r, p * 1000 + r, (short) (p - r), p, p * 1000 + r,
                p * 3 + r, Uuids.timeBased(), r - 2, new UUID(p, r), p, "123456789012345678901234567890" + p, p, p, r, p + r, r, p, p, p, p, p, p,
                using);
    }

    /** A fixed timeuuid for clustering key {@code (p, r)}, so statements can address the row again. */
    public static UUID timeUuid(int p, int r) {
        return Uuids.startOf(1_600_000_000_000L + p * 1000L + r);
    }
}
