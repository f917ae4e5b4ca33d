package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.messages.BatchRequest;
import org.charybdis.cql.messages.BatchStatement;
import org.charybdis.cql.messages.BatchType;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.cql.syntax.CqlParser;
import org.charybdis.cql.syntax.ModificationStatement;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.modification.ModificationTestNode.i;
import static org.charybdis.server.cql.statements.modification.ModificationTestNode.text;
import static org.charybdis.server.cql.statements.modification.ModificationTestNode.toInt;
import static org.charybdis.server.cql.statements.modification.ModificationTestNode.toText;

/** Compiles and runs writes through the QueryProcessor of an in-process node and checks the storage contents. */
class ModificationStatementsTest {
    private static final int V = 1, ST = 2, L = 3, S = 4, M = 5, U = 6;
    private static final AtomicInteger KEYS = new AtomicInteger(1000);
    private static ModificationTestNode node;

    @BeforeAll
    static void start() {
        node = new ModificationTestNode();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static int key() {
        return KEYS.incrementAndGet();
    }

    private static Row onlyRow(int k) {
        ModificationTestNode.Partition p = node.read("t", k);
        assertThat(p).isNotNull();
        assertThat(p.rows()).hasSize(1);
        return p.rows().getFirst();
    }

    private static List<Integer> ints(List<Cell> cells) {
        return cells.stream().map(c -> toInt(c.value())).toList();
    }

    private static List<Integer> paths(List<Cell> cells) {
        return cells.stream().map(c -> toInt(c.path())).toList();
    }

    @Test
    void insertWritesTheRowMarkerAndCells() {
        int k = key();
        assertThat(node.execute("INSERT INTO ks.t (k, c, v, l) VALUES (" + k + ", 1, 'x', [1, 2]) USING TIMESTAMP 42"))
                .isEqualTo(VoidResult.INSTANCE);
        Row row = onlyRow(k);
        assertThat(row.liveness().timestamp()).isEqualTo(42);
        assertThat(toText(row.simpleCell(V).value())).isEqualTo("x");
        assertThat(row.simpleCell(V).timestamp()).isEqualTo(42);
        assertThat(ints(row.cellsOf(L))).containsExactly(1, 2);
    }

    @Test
    void insertNullWritesATombstoneAndUnsetIsSkipped() {
        int k = key();
        node.execute("INSERT INTO ks.t (k, c, v, s) VALUES (" + k + ", 1, 'x', {1}) USING TIMESTAMP 1");
        node.execute("INSERT INTO ks.t (k, c, v, s) VALUES (?, 1, null, ?) USING TIMESTAMP 2", i(k), QueryOptions.UNSET);
        Row row = onlyRow(k);
        assertThat(row.simpleCell(V)).isNull();
        assertThat(paths(row.cellsOf(S))).containsExactly(1);
        assertThat(row.liveness().timestamp()).isEqualTo(2);
    }

    @Test
    void insertErrorsMatchCassandra() {
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.p (k, c1, c2, v) VALUES (1, 1, 1, 1)"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("Some partition key parts are missing: k2");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.t (k, v) VALUES (1, 'x')"))
                .hasMessage("Some clustering keys are missing: c");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.t (k, c, v) VALUES (1, 1)")).hasMessage("Unmatched column names/values");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.t (k, c, nope) VALUES (1, 1, 'x')"))
                .hasMessage("Undefined column name nope in table ks.t");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.t (k, c, v, v) VALUES (1, 1, 'x', 'y')"))
                .hasMessage("The column names contains duplicates");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.t (k, c, v) VALUES (null, 1, 'x')"))
                .hasMessage("Invalid null value in condition for column k");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.t (k, c, v) VALUES (1, 1, 'x') USING TTL -1"))
                .hasMessage("A TTL must be greater or equal to 0, but was -1");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.t (k, c, v) VALUES (1, 1, 'x') USING TTL 630720001"))
                .hasMessage("ttl is too large. requested (630720001) maximum (630720000)");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.t (k, c, v) VALUES (1, 1, 'x') IF NOT EXISTS USING TIMESTAMP 1"))
                .hasMessage("Cannot provide custom timestamp for conditional updates");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.t JSON '{\"k\": 1}'")).hasMessage("Invalid null value in condition for column c");
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.nope (k) VALUES (1)")).hasMessage("table nope does not exist");
    }

    @Test
    void oversizedKeyIsRejected() {
        ByteBuffer big = ByteBuffer.allocate(65536);
        assertThatThrownBy(() -> node.execute("INSERT INTO ks.p (k, k2, c1, c2, v) VALUES (1, ?, 1, 1, 1)", big))
                .isInstanceOf(InvalidRequestException.class).hasMessage("Key length of 65536 is longer than maximum of 65535");
    }

    @Test
    void ttlExpiresCellsAndMarker() {
        int k = key();
        node.execute("INSERT INTO ks.t (k, c, v) VALUES (" + k + ", 1, 'x') USING TTL 10");
        Row row = onlyRow(k);
        assertThat(row.simpleCell(V).ttl()).isEqualTo(10);
        assertThat(row.liveness().ttl()).isEqualTo(10);
        assertThat(node.readAt("t", System.currentTimeMillis() / 1000 + 11, k)).isNull();
    }

    @Test
    void tableDefaultTtlAppliesUnlessTtlZeroIsGiven() {
        node.execute("INSERT INTO ks.d (k, v) VALUES (1, 1)");
        assertThat(node.read("d", 1).rows().getFirst().simpleCell(V).ttl()).isEqualTo(100);
        node.execute("INSERT INTO ks.d (k, v) VALUES (2, 1) USING TTL 0");
        assertThat(node.read("d", 2).rows().getFirst().simpleCell(V).ttl()).isZero();
        node.execute("UPDATE ks.d USING TTL ? SET v = 3 WHERE k = 3", QueryOptions.UNSET);
        assertThat(node.read("d", 3).rows().getFirst().simpleCell(V).ttl()).isEqualTo(100);
    }

    @Test
    void updateWritesNoMarkerAndStaticColumnsNeedOnlyThePartitionKey() {
        int k = key();
        node.execute("UPDATE ks.t SET v = 'a' WHERE k = " + k + " AND c = 1");
        assertThat(onlyRow(k).liveness().isEmpty()).isTrue();
        node.execute("UPDATE ks.t SET st = 7 WHERE k = " + k);
        assertThat(toInt(node.read("t", k).staticRow().simpleCell(ST).value())).isEqualTo(7);
        node.execute("UPDATE ks.t SET v = null WHERE k = " + k + " AND c = 1");
        assertThat(node.read("t", k).rows()).isEmpty();
    }

    @Test
    void updateErrorsMatchCassandra() {
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET k = 1 WHERE k = 1 AND c = 1"))
                .hasMessage("PRIMARY KEY part k found in SET part");
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET v = 'a' WHERE k = 1"))
                .hasMessage("Some clustering keys are missing: c");
        assertThatThrownBy(() -> node.execute("UPDATE ks.p SET v = 1 WHERE k = 1 AND c1 = 1 AND c2 = 1"))
                .hasMessage("Some partition key parts are missing: k2");
        assertThatThrownBy(() -> node.execute("UPDATE ks.p SET v = 1 WHERE k = 1 AND k2 = 'a' AND c1 = 1 AND c2 > 1"))
                .hasMessage("Slice restrictions are not supported on the clustering columns in UPDATE statements");
        assertThatThrownBy(() -> node.execute("UPDATE ks.p SET v = 1 WHERE k = 1 AND k2 = 'a' AND c1 > 1 AND c2 = 1"))
                .hasMessage("Clustering column \"c2\" cannot be restricted (preceding column \"c1\" is restricted by a non-EQ relation)");
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET v = 'a' WHERE k = 1 AND c = 1 AND v = 'x'"))
                .hasMessage("Non PRIMARY KEY columns found in where clause: v ");
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET v = 'a' WHERE k = 1 AND c = 1 AND c = 2"))
                .hasMessage("c cannot be restricted by more than one relation if it includes an Equal");
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET v = 'a', v = 'b' WHERE k = 1 AND c = 1"))
                .isInstanceOf(SyntaxException.class).hasMessage("Multiple incompatible setting of column v");
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET f[0] = 1 WHERE k = 1 AND c = 1"))
                .hasMessage("Invalid operation (f[0] = 1) for frozen collection column f");
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET v = v + 'a' WHERE k = 1 AND c = 1"))
                .hasMessage("Invalid operation (v = v + 'a') for non counter column v");
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET s[1] = 1 WHERE k = 1 AND c = 1"))
                .hasMessage("Invalid operation (s[1] = 1) for set column s");
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET v = 'a' WHERE k = 1 AND c = 1 IF k = 1"))
                .hasMessage("PRIMARY KEY column 'k' cannot have IF conditions");
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET l[5] = 1 WHERE k = 12345 AND c = 1"))
                .hasMessageContaining("Attempted to set an element on a list which is null");
    }

    @Test
    void listAppendPrependSetElementAndRemove() {
        int k = key();
        String where = " WHERE k = " + k + " AND c = 1";
        node.execute("UPDATE ks.t SET l = [3, 4]" + where);
        node.execute("UPDATE ks.t SET l = l + [5]" + where);
        node.execute("UPDATE ks.t SET l = [1, 2] + l" + where);
        node.execute("UPDATE ks.t SET l = [0] + l" + where);
        assertThat(ints(onlyRow(k).cellsOf(L))).containsExactly(0, 1, 2, 3, 4, 5);
        node.execute("UPDATE ks.t SET l[1] = 10" + where);
        node.execute("DELETE l[0] FROM ks.t" + where);
        node.execute("UPDATE ks.t SET l = l - [4, 5]" + where);
        assertThat(ints(onlyRow(k).cellsOf(L))).containsExactly(10, 2, 3);
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET l[7] = 1" + where)).hasMessage("List index 7 out of bound, list has size 3");
        node.execute("UPDATE ks.t SET l = [9]" + where);
        assertThat(ints(onlyRow(k).cellsOf(L))).containsExactly(9);
    }

    @Test
    void setAndMapOperations() {
        int k = key();
        String where = " WHERE k = " + k + " AND c = 1";
        node.execute("UPDATE ks.t SET s = {3, 1}, m = {'a': 1}" + where);
        node.execute("UPDATE ks.t SET s = s + {2}, m = m + {'b': 2}, m['c'] = 3" + where);
        node.execute("UPDATE ks.t SET s = s - {3}, m = m - {'a'}" + where);
        Row row = onlyRow(k);
        assertThat(paths(row.cellsOf(S))).containsExactly(1, 2);
        assertThat(row.cellsOf(M).stream().map(c -> toText(c.path()) + "=" + toInt(c.value())).toList()).containsExactly("b=2", "c=3");
        node.execute("DELETE m['b'], s[1] FROM ks.t" + where);
        node.execute("UPDATE ks.t SET m['c'] = null" + where);
        row = onlyRow(k);
        assertThat(row.cellsOf(M)).isEmpty();
        assertThat(paths(row.cellsOf(S))).containsExactly(2);
        node.execute("UPDATE ks.t SET s = null" + where);
        assertThat(node.read("t", k)).isNull();
    }

    @Test
    void userTypeFields() {
        int k = key();
        String where = " WHERE k = " + k + " AND c = 1";
        node.execute("UPDATE ks.t SET u = {street: 'main', zip: 1}" + where);
        node.execute("UPDATE ks.t SET u.zip = 2" + where);
        List<Cell> cells = onlyRow(k).cellsOf(U);
        assertThat(cells).hasSize(2);
        assertThat(toInt(cells.get(1).value())).isEqualTo(2);
        node.execute("DELETE u.street FROM ks.t" + where);
        assertThat(onlyRow(k).cellsOf(U)).hasSize(1);
        assertThatThrownBy(() -> node.execute("UPDATE ks.t SET u.nope = 1" + where))
                .hasMessage("UDT column u does not have a field named nope");
    }

    @Test
    void deletesRowsRangesAndPartitions() {
        int k = key();
        for (int c = 1; c <= 5; c++) node.execute("INSERT INTO ks.t (k, c, v, st) VALUES (" + k + ", " + c + ", 'x', 1)");
        node.execute("DELETE FROM ks.t WHERE k = " + k + " AND c = 1");
        node.execute("DELETE FROM ks.t WHERE k = " + k + " AND c > 2 AND c <= 4");
        assertThat(node.read("t", k).rows().stream().map(r -> toInt(r.clustering().get(0))).toList()).containsExactly(2, 5);
        node.execute("DELETE v FROM ks.t WHERE k = " + k + " AND c IN (2, 5)");
        assertThat(node.read("t", k).rows()).allSatisfy(r -> assertThat(r.simpleCell(V)).isNull());
        node.execute("DELETE st FROM ks.t WHERE k = " + k);
        assertThat(node.read("t", k).staticRow()).isNull();
        node.execute("DELETE FROM ks.t WHERE k IN (" + k + ", " + key() + ")");
        assertThat(node.read("t", k)).isNull();
    }

    @Test
    void rangeDeletionOnReversedColumnAndCompositeKey() {
        for (int c2 = 1; c2 <= 4; c2++) node.execute("INSERT INTO ks.p (k, k2, c1, c2, v) VALUES (1, 'a', 1, " + c2 + ", 0)");
        node.execute("DELETE FROM ks.p WHERE k = 1 AND k2 = 'a' AND c1 = 1 AND c2 >= 3");
        // c2 is DESC: remaining rows come back 2, 1
        assertThat(node.read("p", 1, "a").rows().stream().map(r -> toInt(r.clustering().get(1))).toList()).containsExactly(2, 1);
        node.execute("DELETE FROM ks.p WHERE k = 1 AND k2 = 'a' AND c1 = 1");
        assertThat(node.read("p", 1, "a")).isNull();
    }

    @Test
    void deleteErrorsMatchCassandra() {
        assertThatThrownBy(() -> node.execute("DELETE v FROM ks.t WHERE k = 1"))
                .hasMessage("Range deletions are not supported for specific columns");
        assertThatThrownBy(() -> node.execute("DELETE FROM ks.p WHERE k = 1 AND k2 = 'a' AND c2 = 1"))
                .hasMessage("PRIMARY KEY column \"c2\" cannot be restricted as preceding column \"c1\" is not restricted");
        assertThatThrownBy(() -> node.execute("DELETE k FROM ks.t WHERE k = 1 AND c = 1"))
                .hasMessage("Invalid identifier k for deletion (should not be a PRIMARY KEY part)");
        assertThatThrownBy(() -> node.execute("DELETE v[1] FROM ks.t WHERE k = 1 AND c = 1"))
                .hasMessage("Invalid deletion operation for non collection column v");
        assertThatThrownBy(() -> node.execute("DELETE FROM ks.t WHERE token(k) = 1"))
                .hasMessage("The token function cannot be used in WHERE clauses for DELETE statements");
        assertThatThrownBy(() -> node.execute("DELETE l[7] FROM ks.t WHERE k = 424242 AND c = 1"))
                .hasMessage("Attempted to delete an element from a list which is null");
    }

    @Test
    void preparedMetadataNamesReceiversAndPartitionKeyIndexes() {
        CqlStatement insert = compile("INSERT INTO ks.p (v, k2, c1, c2, k) VALUES (?, ?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?");
        assertThat(insert.bindVariables().stream().map(ColumnSpec::name).toList())
                .containsExactly("v", "k2", "c1", "c2", "k", "[ttl]", "[timestamp]");
        assertThat(insert.partitionKeyBindIndexes()).containsExactly(4, 1);
        CqlStatement delete = compile("DELETE FROM ks.t WHERE k = :key AND c IN ?");
        assertThat(delete.bindVariables().stream().map(ColumnSpec::name).toList()).containsExactly("key", "in(c)");
        assertThat(delete.partitionKeyBindIndexes()).containsExactly(0);
        assertThat(compile("UPDATE ks.t SET v = ? WHERE k = 1 AND c = ?").partitionKeyBindIndexes()).isEmpty();
    }

    @Test
    void batchMergesWritesAndAppliesItsTimestamp() {
        int k = key();
        node.execute("BEGIN BATCH USING TIMESTAMP 77 INSERT INTO ks.t (k, c, v) VALUES (" + k + ", 1, 'a'); "
                + "UPDATE ks.t SET st = 3 WHERE k = " + k + "; DELETE FROM ks.t WHERE k = " + k + " AND c = 2; "
                + "INSERT INTO ks.d (k, v) VALUES (" + k + ", 1) APPLY BATCH");
        Row row = onlyRow(k);
        assertThat(row.simpleCell(V).timestamp()).isEqualTo(77);
        assertThat(node.read("t", k).staticRow().simpleCell(ST).timestamp()).isEqualTo(77);
        assertThat(node.read("d", k).rows()).hasSize(1);
        assertThatThrownBy(() -> node.execute("BEGIN BATCH USING TIMESTAMP 5 INSERT INTO ks.t (k, c, v) VALUES (1, 1, 'x') "
                + "USING TIMESTAMP 6 APPLY BATCH")).hasMessage("Timestamp must be set either on BATCH or individual statements");
        assertThatThrownBy(() -> node.execute("BEGIN BATCH USING TTL 5 INSERT INTO ks.t (k, c, v) VALUES (1, 1, 'x') APPLY BATCH"))
                .hasMessage("Global TTL on the BATCH statement is not supported.");
        assertThatThrownBy(() -> node.execute("BEGIN COUNTER BATCH UPDATE ks.t SET v = 'a' WHERE k = 1 AND c = 1 APPLY BATCH"))
                .hasMessage("Cannot include non-counter statement in a counter batch");
    }

    @Test
    void clientDefaultTimestampIsUsed() {
        int k = key();
        QueryOptions base = QueryOptions.of(ConsistencyLevel.ONE);
        QueryOptions options = new QueryOptions(base.consistency(), List.of(), null, false, QueryOptions.NO_PAGE_SIZE, null,
                base.serialConsistency(), 1234, null, QueryOptions.NO_NOW);
        node.execute("INSERT INTO ks.t (k, c, v) VALUES (" + k + ", 1, 'x')", options);
        assertThat(onlyRow(k).simpleCell(V).timestamp()).isEqualTo(1234);
    }

    @Test
    void protocolBatchRunsEachStatementWithItsOwnValues() throws Exception {
        int k = key();
        BatchRequest request = new BatchRequest(BatchType.UNLOGGED, List.of(
                BatchStatement.ofQuery("INSERT INTO ks.t (k, c, v) VALUES (?, ?, ?)", List.of(i(k), i(1), text("a"))),
                BatchStatement.ofQuery("UPDATE ks.t SET v = ? WHERE k = ? AND c = ?", List.of(text("b"), i(k), i(2)))),
                QueryOptions.of(ConsistencyLevel.ONE));
        node.processor.batch(request, node.client).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(node.read("t", k).rows().stream().map(r -> toText(r.simpleCell(V).value())).toList()).containsExactly("a", "b");
        BatchRequest counter = new BatchRequest(BatchType.COUNTER, request.statements(), request.options());
        assertThatThrownBy(() -> node.processor.batch(counter, node.client))
                .hasMessage("Cannot include non-counter statement in a counter batch");
    }

    private static CqlStatement compile(String cql) {
        return ModificationStatements.compile((ModificationStatement) CqlParser.parse(cql), node.client, node.schema.current());
    }
}
