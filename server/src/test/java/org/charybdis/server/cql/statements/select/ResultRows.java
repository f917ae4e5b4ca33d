package org.charybdis.server.cql.statements.select;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Renders driver results as short strings, so tests can state Cassandra's answers compactly. */
public final class ResultRows {
    private ResultRows() {}

    /**
     * Every row of the query (all pages, at the driver's default page size), as {@code "v1, v2"}. The driver
     * reads a null collection as an empty one.
     */
    public static List<String> rows(CqlSession session, String cql, Object... values) {
        return render(session.execute(SimpleStatement.newInstance(cql, values)));
    }

    /**
     * The query's rows once its index answers: an index whose build is still running (as at start-up, while missing
     * or damaged index files are built again) fails reads with ReadFailure until then.
     */
    public static List<String> rowsOnceAvailable(CqlSession session, String cql) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return rows(session, cql);
            } catch (ReadFailureException e) {
                if (attempt == 100) throw e;
                Thread.sleep(100);
            }
        }
    }

    /** Every row of the query read with the given page size. */
    public static List<String> paged(CqlSession session, String cql, int pageSize) {
        return render(session.execute(SimpleStatement.newInstance(cql).setPageSize(pageSize)));
    }

    /** The rows of each page of the query read with the given page size, following the paging state to the end. */
    public static List<List<String>> pages(CqlSession session, String cql, int pageSize) {
        List<List<String>> pages = new ArrayList<>();
        for (List<Row> page : rowPages(session, cql, pageSize)) pages.add(render(page));
        return pages;
    }

    /** The driver's rows of each page, as {@link #pages} reads them. */
    public static List<List<Row>> rowPages(CqlSession session, String cql, int pageSize) {
        List<List<Row>> pages = new ArrayList<>();
        ByteBuffer state = null;
        do {
            ResultSet page = session.execute(SimpleStatement.newInstance(cql).setPageSize(pageSize).setPagingState(state));
            List<Row> rows = new ArrayList<>();
            for (int i = page.getAvailableWithoutFetching(); i > 0; i--) rows.add(page.one());
            pages.add(rows);
            state = page.getExecutionInfo().getPagingState();
            if (pages.size() >= 10_000) throw new AssertionError("10,000 pages of " + cql + " and more");
        } while (state != null);
        return pages;
    }

    public static List<String> render(Iterable<Row> result) {
        List<String> rows = new ArrayList<>();
        for (Row row : result) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                Object value = row.getObject(i);
                String text = switch (value) {
                    case ByteBuffer b -> "0x" + hex(b);
                    case UdtValue udt -> udt.getFormattedContents();
                    case TupleValue tuple -> tuple.getFormattedContents();
                    case null -> "null";
                    default -> value.toString();
                };
                s.append(i == 0 ? "" : ", ").append(text);
            }
            rows.add(s.toString());
        }
        return rows;
    }

    /** The result's columns as {@code name:type}. */
    public static List<String> columns(CqlSession session, String cql) {
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition c : session.execute(cql).getColumnDefinitions()) {
            columns.add(c.getName().asInternal() + ":" + c.getType().asCql(false, true));
        }
        return columns;
    }

    private static String hex(ByteBuffer b) {
        StringBuilder s = new StringBuilder();
        for (int i = b.position(); i < b.limit(); i++) s.append(String.format("%02x", b.get(i)));
        return s.toString();
    }
}
