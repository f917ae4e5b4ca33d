package org.charybdis.server.audit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads {@code audit.audit_log} in tests: the rows are written in the background, so a test waits for the ones it expects. */
public final class AuditRows {
    /** One row of audit.audit_log. */
    public record AuditRow(String category, String consistency, String keyspace, String table, String operation,
                           InetAddress source, String username, boolean error, InetAddress node) {}

    private AuditRows() {}

    public static List<AuditRow> all(CqlSession session) {
        List<AuditRow> rows = new ArrayList<>();
        for (Row r : session.execute("SELECT * FROM audit.audit_log")) {
            rows.add(new AuditRow(r.getString("category"), r.getString("consistency"), r.getString("keyspace_name"),
                    r.getString("table_name"), r.getString("operation"), r.getInetAddress("source"), r.getString("username"),
                    r.getBoolean("error"), r.getInetAddress("node")));
        }
        return rows;
    }

    /** The first row matching, once it is written (within 10 s); fails otherwise, listing the rows there are. */
    public static AuditRow await(CqlSession session, Predicate<AuditRow> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<AuditRow> rows;
        do {
            rows = all(session);
            for (AuditRow row : rows) if (expected.test(row)) return row;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no such audit row among " + rows.size() + ":\n" + String.join("\n", rows.stream().map(String::valueOf).toList()));
    }

    /** The rows whose operation contains the marker, after giving the background writer time to write them. */
    public static List<AuditRow> settled(CqlSession session, String marker) throws InterruptedException {
        Thread.sleep(300);
        return all(session).stream().filter(r -> r.operation() != null && r.operation().contains(marker)).toList();
    }
}
