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
 * Cassandra 5.0's vector similarity functions through the Java driver. Every expected result and error was recorded
 * from Apache Cassandra 5.0.6 running the same statements (the class also passes against it:
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class VectorFunctionsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS fn_vec WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS fn_vec.t");
        session.execute("CREATE TABLE fn_vec.t (k int PRIMARY KEY, vec vector<float, 2>, n int)");
        session.execute("INSERT INTO fn_vec.t (k, vec, n) VALUES (1, [1.0, 2.0], 3)");
    }

    @Test
    void similarities() {
        assertThat(ResultRows.rows(session, "SELECT similarity_cosine(vec, vec), similarity_cosine(vec, [2.0, 3.0]), similarity_euclidean(vec, [2.0, 3.0]), "
                + "similarity_dot_product([2.0, 3.0], vec) FROM fn_vec.t WHERE k = 1"))
                .containsExactly("1.0, 0.99613893, 0.33333334, 4.5");
        assertThat(ResultRows.columns(session, "SELECT similarity_cosine(vec, [2.0, 3.0]) FROM fn_vec.t"))
                .containsExactly("system.similarity_cosine(vec, [2.0, 3.0]):float");
    }

    @Test
    void refusals() {
        assertInvalid(session, "SELECT similarity_cosine(vec, [0.0, 0.0]) FROM fn_vec.t WHERE k = 1",
                "Function system.similarity_cosine doesn't support all-zero vectors.");
        assertInvalid(session, "SELECT similarity_cosine(n, vec) FROM fn_vec.t",
                "Function system.similarity_cosine requires a float vector argument, but found argument n of type int");
        assertInvalid(session, "SELECT similarity_cosine(vec) FROM fn_vec.t",
                "Invalid number of arguments for function system.similarity_cosine(vector<float, n>, vector<float, n>)");
        assertInvalid(session, "SELECT similarity_dot_product(?, ?) FROM fn_vec.t", "Cannot infer type of argument ? in call to function "
                + "system.similarity_dot_product(vector<float, n>, vector<float, n>): use type casts to disambiguate");
    }
}
