package org.charybdis.server.tracing;

import org.charybdis.cql.messages.BatchRequest;
import org.charybdis.cql.messages.ExecuteRequest;
import org.charybdis.cql.messages.PrepareRequest;
import org.charybdis.cql.messages.QueryRequest;
import org.charybdis.cql.messages.Request;
import org.charybdis.cql.syntax.CqlParser;
import org.charybdis.cql.syntax.Statement;
import org.charybdis.server.audit.StatementAudit;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.PreparedStatements.Prepared;

import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * What a slow query row says of the request's statement, as ScyllaDB's {@code node_slow_log} does: its text
 * ({@code command}; a batch's statements one after the other) and the tables it reads or writes ({@code table_names},
 * {@code keyspace.table}). Worked out only for slow requests, so it may parse the text again.
 */
final class SlowQueryStatement {
    /** The statement's text and tables. */
    record Described(String text, Set<String> tables) {}

    /** Prepared statements by id, on the calling shard (null when not prepared there). */
    private final Function<byte[], Prepared> prepared;

    SlowQueryStatement(Function<byte[], Prepared> prepared) {
        this.prepared = prepared;
    }

    Described describe(Request request, ClientState client) {
        Set<String> tables = new LinkedHashSet<>();
        String text = switch (request) {
            case QueryRequest query -> parsed(query.query(), client.keyspace(), tables);
            case PrepareRequest prepare -> parsed(prepare.query(), prepare.keyspace() != null ? prepare.keyspace() : client.keyspace(), tables);
            case ExecuteRequest execute -> prepared(execute.statementId(), tables);
            case BatchRequest batch -> {
                StringJoiner texts = new StringJoiner("; ");
                for (var statement : batch.statements()) {
                    texts.add(statement.isPrepared() ? prepared(statement.preparedId(), tables) : parsed(statement.query(), client.keyspace(), tables));
                }
                yield texts.toString();
            }
            default -> null;
        };
        return new Described(text, tables);
    }

    private String prepared(byte[] id, Set<String> tables) {
        Prepared entry = prepared.apply(id);
        if (entry == null) return "<unknown prepared statement " + HexFormat.of().formatHex(id) + ">";
        addTables(entry.ast(), entry.keyspace(), tables);
        return entry.query();
    }

    private static String parsed(String text, String keyspace, Set<String> tables) {
        try {
            addTables(CqlParser.parse(text), keyspace, tables);
        } catch (RuntimeException e) {
            // a request that did not parse (CqlSyntaxError) touched no table; the row is written without them
        }
        return text;
    }

    private static void addTables(Statement statement, String keyspace, Set<String> tables) {
        for (StatementAudit.Target target : StatementAudit.targets(statement, keyspace)) {
            if (target.table() != null && target.keyspace() != null) tables.add(target.keyspace() + "." + target.table());
        }
    }
}
