package org.charybdis.server.cql.statements.modification;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conditional batches: one partition of one table, applied entirely or not at all, reporting every row read
 * with its primary key when not applied. Expected results and errors recorded from Apache Cassandra 5.0.6
 * (the class passes against it too, see {@link ConditionalStatementsTest}).
 */
class ConditionalBatchTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS lwtb WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS lwtb.t");
        session.execute("CREATE TABLE lwtb.t (k int, c int, v int, w int, s int static, m map<text, text>, l list<int>, "
                + "PRIMARY KEY (k, c))");
        session.execute("DROP TABLE IF EXISTS lwtb.t2");
        session.execute("CREATE TABLE lwtb.t2 (k int PRIMARY KEY, v int)");
    }

    private static String batch(String... statements) {
        return CasRows.render(session.execute("BEGIN BATCH " + String.join("; ", statements) + "; APPLY BATCH"));
    }

    @Test
    void failedBatchReportsEveryRowReadWithItsKey() {
        session.execute("INSERT INTO lwtb.t (k, c, v, l) VALUES (1, 1, 3, [1, 2])");
        session.execute("INSERT INTO lwtb.t (k, c, v, s) VALUES (1, 2, 3, 5)");
        ResultSet failed = session.execute("BEGIN BATCH UPDATE lwtb.t SET v = 4 WHERE k = 1 AND c = 1 IF v = 11; "
                + "UPDATE lwtb.t SET l = [] WHERE k = 1 AND c = 2 IF v = 5; APPLY BATCH");
        assertThat(failed.wasApplied()).isFalse();
        assertThat(CasRows.columns(failed)).containsExactly("[applied]:boolean", "k:int", "c:int", "v:int");
        assertThat(CasRows.render(failed)).isEqualTo("[applied]=false k=1 c=1 v=3; [applied]=false k=1 c=2 v=3");
        // only one condition fails: both rows are still reported, and nothing is written
        assertThat(batch("UPDATE lwtb.t SET v = 4 WHERE k = 1 AND c = 1 IF v = 3",
                "UPDATE lwtb.t SET w = 1 WHERE k = 1 AND c = 1 IF m['a'] = 'x'",
                "UPDATE lwtb.t SET v = 1 WHERE k = 1 AND c = 3"))
                .isEqualTo("[applied]=false k=1 c=1 v=3 m=null");
        assertThat(batch("UPDATE lwtb.t SET v = 4 WHERE k = 1 AND c = 1 IF v = 3", "UPDATE lwtb.t SET l = [7] WHERE k = 1 AND c = 1 IF l[1] = 2",
                "UPDATE lwtb.t SET v = 1 WHERE k = 1 AND c = 3")).isEqualTo("[applied]=true");
        assertThat(session.execute("SELECT c, v, l FROM lwtb.t WHERE k = 1").all())
                .extracting(r -> r.getInt("c") + ":" + r.getInt("v") + ":" + r.getList("l", Integer.class))
                .containsExactly("1:4:[7]", "2:3:[]", "3:1:[]");
    }

    @Test
    void existenceConditionsInBatchesReportWholeRows() {
        session.execute("INSERT INTO lwtb.t (k, c, v, s) VALUES (2, 1, 3, 5)");
        // statics are not read when the batch writes none, hence s=null
        assertThat(batch("INSERT INTO lwtb.t (k, c, v) VALUES (2, 1, 5) IF NOT EXISTS", "INSERT INTO lwtb.t (k, c, v) VALUES (2, 7, 5) IF NOT EXISTS"))
                .isEqualTo("[applied]=false k=2 c=1 s=null l=null m=null v=3 w=null");
        assertThat(batch("INSERT INTO lwtb.t (k, c, v) VALUES (2, 8, 5) IF NOT EXISTS", "INSERT INTO lwtb.t (k, c, w) VALUES (2, 8, 6) IF NOT EXISTS"))
                .isEqualTo("[applied]=true");
        assertThat(batch("INSERT INTO lwtb.t (k, c, v) VALUES (2, 8, 5) IF NOT EXISTS", "UPDATE lwtb.t SET v = 9 WHERE k = 2 AND c = 3 IF v = 4"))
                .isEqualTo("[applied]=false k=2 c=8 s=null l=null m=null v=5 w=6");
        assertThat(batch("UPDATE lwtb.t SET v = 9 WHERE k = 2 AND c = 3 IF EXISTS", "UPDATE lwtb.t SET v = 9 WHERE k = 2 AND c = 8 IF EXISTS"))
                .isEqualTo("[applied]=false k=2 c=8 s=null l=null m=null v=5 w=6");
    }

    @Test
    void staticConditionsInBatches() {
        session.execute("INSERT INTO lwtb.t (k, c, v, s) VALUES (3, 1, 1, 5)");
        session.execute("INSERT INTO lwtb.t (k, c, v) VALUES (3, 8, 5)");
        assertThat(batch("UPDATE lwtb.t SET s = 9 WHERE k = 3 IF s = 1", "UPDATE lwtb.t SET v = 9 WHERE k = 3 AND c = 8 IF v = 4"))
                .isEqualTo("[applied]=false k=3 c=8 s=5 v=5");
        assertThat(batch("UPDATE lwtb.t SET v = 9 WHERE k = 3 AND c = 1 IF s = 5", "UPDATE lwtb.t SET v = 9 WHERE k = 3 AND c = 8 IF s = 5"))
                .isEqualTo("[applied]=true");
        // conditions on the static row only: the partition's first row is reported
        assertThat(batch("UPDATE lwtb.t SET v = 9 WHERE k = 3 AND c = 1 IF s = 6", "UPDATE lwtb.t SET v = 9 WHERE k = 3 AND c = 8 IF s = 5"))
                .isEqualTo("[applied]=false k=3 c=1 s=5");
        assertThat(batch("UPDATE lwtb.t SET v = 9 WHERE k = 3 AND c = 1 IF s = 6", "UPDATE lwtb.t SET v = 9 WHERE k = 3 AND c = 8 IF v = 5"))
                .isEqualTo("[applied]=false k=3 c=8 s=5 v=9");
        assertThat(batch("UPDATE lwtb.t SET s = 7 WHERE k = 3 IF s = 5", "UPDATE lwtb.t SET w = 7 WHERE k = 3 AND c = 1 IF s = 5"))
                .isEqualTo("[applied]=true");
    }

    @Test
    void aConditionalBatchWritesAtOneTimestamp() {
        session.execute("INSERT INTO lwtb.t (k, c, v) VALUES (4, 1, 2)");
        session.execute("INSERT INTO lwtb.t (k, c, v) VALUES (4, 9, 2)");
        // the row deletion shadows the insert of the same row, as in Cassandra 5.0
        assertThat(batch("DELETE FROM lwtb.t WHERE k = 4 AND c = 1 IF v = 2", "INSERT INTO lwtb.t (k, c, v) VALUES (4, 1, 7)"))
                .isEqualTo("[applied]=true");
        // range deletions sit just below the batch's writes
        assertThat(batch("DELETE FROM lwtb.t WHERE k = 4 AND c > 5", "INSERT INTO lwtb.t (k, c, v) VALUES (4, 9, 3) IF NOT EXISTS"))
                .isEqualTo("[applied]=false k=4 c=9 s=null l=null m=null v=2 w=null");
        assertThat(batch("DELETE FROM lwtb.t WHERE k = 4 AND c > 5", "INSERT INTO lwtb.t (k, c, v) VALUES (4, 6, 3) IF NOT EXISTS"))
                .isEqualTo("[applied]=true");
        assertThat(session.execute("SELECT c, v FROM lwtb.t WHERE k = 4").all()).extracting(r -> r.getInt("c") + ":" + r.getInt("v"))
                .containsExactly("6:3");
        assertThat(CasRows.render(session.execute("BEGIN UNLOGGED BATCH UPDATE lwtb.t SET v = 4 WHERE k = 4 AND c = 6 IF v = 3; "
                + "UPDATE lwtb.t USING TIMESTAMP 5 SET w = 1 WHERE k = 4 AND c = 6; APPLY BATCH"))).isEqualTo("[applied]=true");
        assertThat(session.execute("SELECT v, w FROM lwtb.t WHERE k = 4 AND c = 6").one().getInt("w")).isEqualTo(1);
    }

    @Test
    void protocolBatchesOfPreparedStatements() {
        PreparedStatement insert = session.prepare("INSERT INTO lwtb.t (k, c, v) VALUES (?, ?, ?) IF NOT EXISTS");
        PreparedStatement update = session.prepare("UPDATE lwtb.t SET w = ? WHERE k = ? AND c = ? IF v = ?");
        BatchStatement first = BatchStatement.newInstance(DefaultBatchType.LOGGED, insert.bind(5, 1, 1), insert.bind(5, 2, 2));
        assertThat(session.execute(first).wasApplied()).isTrue();
        ResultSet failed = session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                update.bind(10, 5, 1, 1), update.bind(20, 5, 2, 3)));
        assertThat(failed.wasApplied()).isFalse();
        assertThat(CasRows.render(failed)).isEqualTo("[applied]=false k=5 c=1 v=1; [applied]=false k=5 c=2 v=2");
        assertThat(session.execute(BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
                update.bind(10, 5, 1, 1), update.bind(20, 5, 2, 2))).wasApplied()).isTrue();
        assertThatThrownBy(() -> session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                update.bind(10, 5, 1, 1), update.bind(20, 6, 2, 2))))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Batch with conditions cannot span multiple partitions");
    }

    @Test
    void refusalsMatchCassandra() {
        String partitions = "Batch with conditions cannot span multiple partitions";
        String tables = "Batch with conditions cannot span multiple tables";
        assertRefused(partitions, "UPDATE lwtb.t SET v = 3 WHERE k = 1 AND c = 1 IF v = 10", "UPDATE lwtb.t SET v = 3 WHERE k = 2 AND c = 1 IF v = 10");
        assertRefused(partitions, "UPDATE lwtb.t SET v = 3 WHERE k = 1 AND c = 1 IF v = 10", "UPDATE lwtb.t SET v = 3 WHERE k = 2 AND c = 1");
        assertRefused(tables, "UPDATE lwtb.t SET v = 3 WHERE k = 1 AND c = 1 IF v = 10", "UPDATE lwtb.t2 SET v = 3 WHERE k = 1 IF v = 10");
        assertRefused(tables, "UPDATE lwtb.t SET v = 3 WHERE k = 1 AND c = 1 IF v = 10", "UPDATE lwtb.t2 SET v = 3 WHERE k = 1");
        assertThatThrownBy(() -> session.execute("BEGIN BATCH USING TIMESTAMP 5 UPDATE lwtb.t SET v = 3 WHERE k = 1 AND c = 1 IF v = 10; APPLY BATCH"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Cannot provide custom timestamp for conditional BATCH");
        assertRefused("Cannot provide custom timestamp for conditional updates",
                "UPDATE lwtb.t USING TIMESTAMP 5 SET v = 3 WHERE k = 1 AND c = 1 IF v = 10");
        assertRefused("Cannot mix IF conditions and IF NOT EXISTS for the same row",
                "UPDATE lwtb.t SET v = 3 WHERE k = 1 AND c = 1 IF v = 10", "INSERT INTO lwtb.t (k, c, v) VALUES (1, 1, 5) IF NOT EXISTS");
        assertRefused("Cannot mix IF EXISTS and IF NOT EXISTS conditions for the same row",
                "UPDATE lwtb.t SET v = 3 WHERE k = 1 AND c = 1 IF EXISTS", "INSERT INTO lwtb.t (k, c, v) VALUES (1, 1, 5) IF NOT EXISTS");
        // Cassandra names NOT EXISTS here although the first statement says IF EXISTS
        assertRefused("Cannot mix IF conditions and IF NOT EXISTS for the same row",
                "UPDATE lwtb.t SET v = 3 WHERE k = 1 AND c = 1 IF EXISTS", "UPDATE lwtb.t SET l = [] WHERE k = 1 AND c = 1 IF v = 5");
        assertRefused("Cannot mix IF conditions and IF EXISTS for the same row",
                "UPDATE lwtb.t SET v = 1 WHERE k = 1 AND c = 1 IF v = 3", "UPDATE lwtb.t SET v = 1 WHERE k = 1 AND c = 1 IF EXISTS");
        assertRefused("DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to delete non static columns",
                "DELETE FROM lwtb.t WHERE k = 1 IF s = 5", "INSERT INTO lwtb.t (k, c, v) VALUES (1, 2, 2)");
    }

    private static void assertRefused(String message, String... statements) {
        assertThatThrownBy(() -> batch(statements)).as(String.join("; ", statements))
                .isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
