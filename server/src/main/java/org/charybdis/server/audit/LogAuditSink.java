package org.charybdis.server.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.List;

/**
 * {@code audit: syslog} or {@code log}: one INFO line per event on the {@value #LOGGER} logger, with ScyllaDB's
 * syslog fields. Where the lines go is the logging configuration's choice (a file, or syslog through logback's
 * SyslogAppender); the background thread writes them, so a slow disk never delays a request.
 */
public final class LogAuditSink implements AuditSink {
    public static final String LOGGER = "org.charybdis.audit";
    private static final Logger audit = LoggerFactory.getLogger(LOGGER);

    private final String node;

    public LogAuditSink(InetAddress node) {
        this.node = node.getHostAddress();
    }

    @Override
    public void write(List<AuditEvent> events) {
        for (AuditEvent e : events) audit.info(line(node, e));
    }

    /** {@code node="...", category="...", cl="...", error="...", keyspace="...", query="...", client_ip="...", table="...", username="..."}. */
    static String line(String node, AuditEvent e) {
        StringBuilder b = new StringBuilder(128 + (e.operation() == null ? 0 : e.operation().length()));
        field(b, "node", node);
        field(b, "category", e.category().name());
        field(b, "cl", e.consistency());
        field(b, "error", String.valueOf(e.error()));
        field(b, "keyspace", e.keyspace());
        field(b, "query", e.operation());
        field(b, "client_ip", address(e.source()));
        field(b, "table", e.table());
        field(b, "username", e.username());
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        if (!b.isEmpty()) b.append(", ");
        b.append(name).append("=\"");
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> b.append(c);
                }
            }
        }
        b.append('"');
    }

    private static String address(InetAddress address) {
        return address == null ? "" : address.getHostAddress();
    }

    @Override
    public String toString() {
        return "the " + LOGGER + " logger";
    }
}
