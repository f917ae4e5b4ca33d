package org.charybdis.server.cql.terms.functions;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.testing.CqlAssertions.assertInvalid;

/**
 * Cassandra 5.0's masking functions in selections, through the Java driver. Every expected result and error was
 * recorded from Apache Cassandra 5.0.6 running the same statements (the class also passes against it:
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class MaskingFunctionsTest {
    private static final String SHA256_OF_HELLO = "0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS fn_mask WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS fn_mask.t");
        session.execute("CREATE TABLE fn_mask.t (k int PRIMARY KEY, a ascii, bi bigint, b blob, bo boolean, d date, de decimal, db double, "
                + "du duration, fl float, i inet, n int, si smallint, t text, tm time, ts timestamp, tu timeuuid, ti tinyint, u uuid, "
                + "vi varint, tup tuple<int, text>, fm frozen<map<int, int>>, s set<int>)");
        session.execute("INSERT INTO fn_mask.t (k, a, bi, b, bo, d, de, db, du, fl, i, n, si, t, tm, ts, tu, ti, u, vi, tup, fm, s) VALUES "
                + "(1, 'abc', 5, 0x0102, true, '2020-01-01', 1.5, 2.5, 1h, 3.5, '1.2.3.4', 6, 7, 'hello', '01:02:03', "
                + "'2020-01-01 00:00:00+0000', now(), 8, uuid(), 9, (1, 'x'), {1: 2}, {1})");
        session.execute("INSERT INTO fn_mask.t (k) VALUES (2)");
    }

    @Test
    void defaultsOfEveryType() {
        assertThat(ResultRows.rows(session, "SELECT mask_default(a), mask_default(bi), mask_default(b), mask_default(bo), mask_default(d), mask_default(de), "
                + "mask_default(db), mask_default(du), mask_default(fl), mask_default(i), mask_default(n) FROM fn_mask.t WHERE k = 1"))
                .containsExactly("****, 0, 0x, false, 1970-01-01, 0, 0.0, , 0.0, /0.0.0.0, 0");
        assertThat(ResultRows.rows(session, "SELECT mask_default(si), mask_default(t), mask_default(tm), mask_default(ts), mask_default(tu), mask_default(ti), "
                + "mask_default(u), mask_default(vi), mask_default(tup), mask_default(fm), mask_default(s) FROM fn_mask.t WHERE k = 1"))
                .containsExactly("0, ****, 00:00, 1970-01-01T00:00:00Z, 13814000-1dd2-11b2-8080-808080808080, 0, "
                        + "00000000-0000-0000-0000-000000000000, 0, (0,'****'), {}, []");
        // a null is masked too
        assertThat(ResultRows.rows(session, "SELECT mask_default(t), mask_null(t), mask_replace(t, 'z') FROM fn_mask.t WHERE k = 2")).containsExactly("****, null, z");
        assertThat(ResultRows.columns(session, "SELECT mask_default(a), mask_null(n), mask_default(1), mask_replace(n, 42) FROM fn_mask.t"))
                .containsExactly("system.mask_default(a):ascii", "system.mask_null(n):int", "system.mask_default(1):int",
                        "system.mask_replace(n, 42):int");
    }

    @Test
    void nullReplaceAndHash() {
        assertThat(ResultRows.rows(session, "SELECT mask_null(t), mask_replace(t, 'x'), mask_replace(n, 42), mask_null(1), mask_default('a') FROM fn_mask.t WHERE k = 1"))
                .containsExactly("null, x, 42, null, ****");
        assertThat(ResultRows.rows(session, "SELECT mask_hash(t), mask_hash(t, 'SHA-256'), mask_hash(n), mask_hash(t, 'MD5') FROM fn_mask.t WHERE k = 1"))
                .containsExactly(SHA256_OF_HELLO + ", " + SHA256_OF_HELLO + ", 0xb253668f6b59f1ff28522831931e4d3c5a3de533965af22e961735437c0172cb, "
                        + "0x5d41402abc4b2a76b9719d911017c592");
        assertThat(ResultRows.rows(session, "SELECT mask_hash(t) FROM fn_mask.t WHERE k = 2")).containsExactly("null");
        assertThat(ResultRows.columns(session, "SELECT mask_hash(t) FROM fn_mask.t")).containsExactly("system.mask_hash(t):blob");
    }

    @Test
    void innerAndOuter() {
        assertThat(ResultRows.rows(session, "SELECT mask_inner(t, 1, 1), mask_outer(t, 1, 1), mask_inner(t, 1, 1, '#'), mask_outer(t, 1, 1, '#') FROM fn_mask.t WHERE k = 1"))
                .containsExactly("h***o, *ell*, h###o, #ell#");
        assertThat(ResultRows.rows(session, "SELECT mask_inner(t, -1, 1), mask_inner(t, 1, 10), mask_outer(t, 10, 1), mask_outer(t, -1, 0) FROM fn_mask.t WHERE k = 1"))
                .containsExactly("****o, hello, *****, hello");
        assertThat(ResultRows.rows(session, "SELECT mask_inner(t, null, 1), mask_outer(t, 1, null), mask_inner(t, 2, 2, 'a'), mask_inner(a, 1, 1) FROM fn_mask.t WHERE k = 1"))
                .containsExactly("****o, *ello, healo, a*c");
        assertThat(ResultRows.rows(session, "SELECT mask_inner(t, 1, 1) FROM fn_mask.t WHERE k = 2")).containsExactly("null");
        assertThat(ResultRows.columns(session, "SELECT mask_inner(a, 1, 1), mask_outer(t, 0, 2) FROM fn_mask.t"))
                .containsExactly("system.mask_inner(a, 1, 1):ascii", "system.mask_outer(t, 0, 2):text");
    }

    @Test
    void inTheWhereClause() {
        assertThat(ResultRows.rows(session, "SELECT k FROM fn_mask.t WHERE k = mask_replace(1, 1)")).containsExactly("1");
    }

    @Test
    void refusals() {
        assertInvalid(session, "SELECT mask_hash(t, 'nope') FROM fn_mask.t", "Hash algorithm not found: nope");
        assertInvalid(session, "SELECT mask_hash(t, 1) FROM fn_mask.t", "Function system.mask_hash requires an argument of type text, but found argument 1 of type int");
        assertInvalid(session, "SELECT mask_inner(n, 1, 1) FROM fn_mask.t",
                "Function system.mask_inner requires an argument of type [text|varchar|ascii], but found argument n of type int");
        assertInvalid(session, "SELECT mask_inner(t, 'a', 1) FROM fn_mask.t",
                "Function system.mask_inner requires an argument of type int, but found argument 'a' of type ascii");
        assertInvalid(session, "SELECT mask_inner(t, 1, 1, 'ab') FROM fn_mask.t WHERE k = 1",
                "The padding argument for function system.mask_inner should be single-character, but 'ab' has 2 characters.");
        assertInvalid(session, "SELECT mask_outer(t, 1, 1, '') FROM fn_mask.t WHERE k = 1",
                "The padding argument for function system.mask_outer should be single-character, but '' has 0 characters.");
        assertInvalid(session, "SELECT mask_inner(t, 1) FROM fn_mask.t",
                "Invalid number of arguments for function system.mask_inner([text|varchar|ascii], int, int, [text])");
        assertInvalid(session, "SELECT mask_replace(t, 42) FROM fn_mask.t", "Type error: 42 cannot be passed as argument 1 of function system.mask_replace of type text");
        assertInvalid(session, "SELECT mask_replace(t) FROM fn_mask.t", "Invalid number of arguments for function system.mask_replace(any, any)");
        assertInvalid(session, "SELECT mask_null(t, 1) FROM fn_mask.t", "Invalid number of arguments for function system.mask_null(any)");
        assertInvalid(session, "SELECT mask_default() FROM fn_mask.t", "Invalid number of arguments for function system.mask_default(any)");
        assertInvalid(session, "SELECT mask_hash() FROM fn_mask.t", "Invalid number of arguments for function system.mask_hash(any, [text])");
        assertInvalid(session, "SELECT mask_null(?) FROM fn_mask.t",
                "Cannot infer type of argument ? in call to function system.mask_null(any): use type casts to disambiguate");
    }
}
