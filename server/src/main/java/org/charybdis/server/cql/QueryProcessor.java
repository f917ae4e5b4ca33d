package org.charybdis.server.cql;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.exceptions.UnpreparedException;
import org.charybdis.cql.messages.BatchRequest;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.ExecuteRequest;
import org.charybdis.cql.messages.PrepareRequest;
import org.charybdis.cql.messages.PreparedMetadata;
import org.charybdis.cql.messages.PreparedResult;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.QueryRequest;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.syntax.CqlParser;
import org.charybdis.cql.syntax.CqlSyntaxError;
import org.charybdis.cql.syntax.Statement;
import org.charybdis.cql.syntax.Term;
import org.charybdis.scheduler.Shard;
import org.charybdis.server.cql.udf.UdfSettings;
import org.charybdis.server.audit.AuditLog;
import org.charybdis.server.audit.StatementAudit;
import org.charybdis.server.auth.Access;
import org.charybdis.server.cql.PreparedStatements.Prepared;
import org.charybdis.server.cql.statements.BatchExecution;
import org.charybdis.server.metrics.StatementMetrics;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.service.ClientWarnings;
import org.charybdis.server.service.ServerClock;
import org.charybdis.storage.engine.RequestTrace;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Entry point for statements: parses, compiles against the current schema, binds values and runs
 * QUERY, PREPARE, EXECUTE and BATCH requests. Runs on the connection's shard.
 */
public final class QueryProcessor {
    private final ServerContext server;
    private final StatementCompiler compiler;
    private final PreparedStatements prepared;
    private volatile AuditLog audit = AuditLog.DISABLED;
    private volatile StatementMetrics statementMetrics;

    public QueryProcessor(ServerContext server) {
        this.server = server;
        this.compiler = new StatementCompiler(UdfSettings.from(server.config()));
        this.prepared = new PreparedStatements(server.runtime().shardCount());
    }

    public ServerContext server() {
        return server;
    }

    /** Where QUERY, EXECUTE and BATCH outcomes (and logins, by the transport) are audited; set once at start-up. */
    public void auditTo(AuditLog audit) {
        this.audit = audit;
    }

    /** Where the statements clients run are counted, by kind and keyspace; set once at start-up. */
    public void countStatementsIn(StatementMetrics metrics) {
        this.statementMetrics = metrics;
    }

    public AuditLog auditLog() {
        return audit;
    }

    /** A QUERY with no deadline of its own (internal callers, tests): the configured timeouts apply from now. */
    public CompletionStage<? extends Result> query(QueryRequest request, ClientState client) {
        return query(request, client, RequestTiming.arrivedAt(System.nanoTime(), null), RequestTrace.NONE, ClientWarnings.NONE);
    }

    /**
     * A client's QUERY, its deadline counted from when it arrived ({@code timing}), its steps recorded in {@code trace},
     * what the client should be warned of in {@code warnings}.
     */
    public CompletionStage<? extends Result> query(QueryRequest request, ClientState client, RequestTiming timing, RequestTrace trace,
                                                   ClientWarnings warnings) {
        if (trace.enabled()) trace.event("Parsing " + request.query());
        Statement ast = parse(request.query());
        return audit.statement(ast, request.query(), null, client, request.options().consistency(), () -> {
            if (trace.enabled()) trace.event("Preparing statement");
            CqlStatement statement = compiler.compile(ast, client, server.schema().current());
            // Cassandra words a QUERY's wrong count of positional values its own way (an EXECUTE's as bindValues does)
            if (request.options().valueNames() == null && request.options().values().size() != ast.bindMarkerCount()) {
                throw new InvalidRequestException("Invalid amount of bind variables");
            }
            count(StatementMetrics.Kind.of(ast), ast, client.keyspace());
            return run(statement, ast, client, request.options(), timing, trace, warnings);
        });
    }

    public CompletionStage<PreparedResult> prepare(PrepareRequest request, ClientState client) {
        return prepare(request, client, RequestTrace.NONE);
    }

    public CompletionStage<PreparedResult> prepare(PrepareRequest request, ClientState client, RequestTrace trace) {
        String keyspace = request.keyspace() != null ? request.keyspace() : client.keyspace();
        if (trace.enabled()) trace.event("Parsing " + request.query());
        Statement ast = parse(request.query());
        ClientState compileState = client;
        if (request.keyspace() != null) {
            compileState = new ClientState(client.version(), client.shard(), client.user());
            compileState.setKeyspace(request.keyspace());
        }
        Schema schema = server.schema().current();
        if (trace.enabled()) trace.event("Preparing statement");
        CqlStatement statement = compiler.compile(ast, compileState, schema);
        byte[] id = PreparedStatements.idOf(keyspace, request.query());
        Prepared entry = new Prepared(request.query(), keyspace, ast, statement, schema.version(), id,
                resultMetadataId(statement.resultMetadata()));
        return server.database().onAllShards(storage -> {
            prepared.put(storage.shardId(), entry);
            return null;
        }).thenApply(ignored -> new PreparedResult(id, entry.resultMetadataId(),
                new PreparedMetadata(statement.bindVariables(), statement.partitionKeyBindIndexes()),
                statement.resultMetadata()));
    }

    public CompletionStage<? extends Result> execute(ExecuteRequest request, ClientState client, RequestTiming timing, RequestTrace trace,
                                                     ClientWarnings warnings) {
        Prepared entry = lookup(request.statementId(), client);
        if (trace.enabled()) trace.event("Found prepared statement: " + entry.query());
        count(StatementMetrics.Kind.of(entry.ast()), entry.ast(), entry.keyspace() != null ? entry.keyspace() : client.keyspace());
        CompletionStage<? extends Result> result = audit.statement(entry.ast(), entry.query(), entry.keyspace(), client,
                request.options().consistency(), () -> run(entry.statement(), entry.ast(), client, request.options(), timing, trace, warnings));
        // v5: tell the client when the result columns changed since it prepared
        if (request.resultMetadataId() != null && !java.util.Arrays.equals(request.resultMetadataId(), entry.resultMetadataId())) {
            return result.thenApply(r -> r instanceof RowsResult rows
                    ? new RowsResult(rows.metadata().withNewMetadataId(entry.resultMetadataId()), rows.rows()) : r);
        }
        return result;
    }

    public CompletionStage<? extends Result> batch(BatchRequest request, ClientState client) {
        return batch(request, client, RequestTiming.arrivedAt(System.nanoTime(), null), RequestTrace.NONE, ClientWarnings.NONE);
    }

    public CompletionStage<? extends Result> batch(BatchRequest request, ClientState client, RequestTiming timing, RequestTrace trace,
                                                   ClientWarnings warnings) {
        List<AuditLog.Entry> audited = audit.enabled() ? new ArrayList<>(request.statements().size()) : null;
        if (trace.enabled()) trace.event("Preparing batch of " + request.statements().size() + " statements");
        return audit.batch(audited, client, request.options().consistency(), () -> runBatch(request, client, timing, trace, warnings, audited));
    }

    /** Compiles and runs a BATCH, adding each statement to {@code audited} (if not null) as it is read. */
    private CompletionStage<? extends Result> runBatch(BatchRequest request, ClientState client, RequestTiming timing, RequestTrace trace,
                                                       ClientWarnings warnings, List<AuditLog.Entry> audited) {
        List<CqlStatement> statements = new ArrayList<>(request.statements().size());
        List<List<ByteBuffer>> values = new ArrayList<>(request.statements().size());
        for (var entry : request.statements()) {
            Statement ast;
            CqlStatement statement;
            String keyspace = null;
            if (entry.isPrepared()) {
                Prepared p = lookup(entry.preparedId(), client);
                ast = p.ast();
                keyspace = p.keyspace();
                if (audited != null) audited.add(new AuditLog.Entry(ast, p.query(), p.keyspace()));
                statement = p.statement();
            } else {
                ast = parse(entry.query());
                if (audited != null) audited.add(new AuditLog.Entry(ast, entry.query(), null));
                statement = compiler.compile(ast, client, server.schema().current());
            }
            if (entry.values().size() != ast.bindMarkerCount()) {
                throw new InvalidRequestException("There were " + ast.bindMarkerCount() + " markers(?) in CQL but "
                        + entry.values().size() + " bound variables");
            }
            if (statements.isEmpty()) count(StatementMetrics.Kind.BATCH, ast, keyspace != null ? keyspace : client.keyspace());
            statements.add(statement);
            values.add(entry.values());
        }
        return withAccess(client, access ->
                BatchExecution.execute(request.type(), statements, values, context(client, request.options(), List.of(), timing, access, trace, warnings)));
    }

    /**
     * Counts a client's statement under the keyspace it concerns ({@code keyspace}: what unqualified names resolve to,
     * the client's when null).
     */
    private void count(StatementMetrics.Kind kind, Statement ast, String keyspace) {
        StatementMetrics metrics = statementMetrics;
        if (metrics != null) metrics.executed(kind, StatementAudit.target(ast, keyspace).keyspace());
    }

    /** Runs a statement with internal rights (system start-up, auth bootstrap); no bind values. */
    public CompletionStage<? extends Result> executeInternal(String cql, QueryOptions options) {
        ClientState internal = ClientState.internal(org.charybdis.cql.transport.ProtocolVersion.V5);
        Statement ast = parse(cql);
        CqlStatement statement = compiler.compile(ast, internal, server.schema().current());
        return execute(statement, context(internal, options, bindValues(ast, options), RequestTiming.INTERNAL, Access.INTERNAL, RequestTrace.NONE,
                ClientWarnings.NONE));
    }

    private CompletionStage<? extends Result> run(CqlStatement statement, Statement ast, ClientState client, QueryOptions options,
                                                  RequestTiming timing, RequestTrace trace, ClientWarnings warnings) {
        List<ByteBuffer> values = bindValues(ast, options);
        return withAccess(client, access -> execute(statement, context(client, options, values, timing, access, trace, warnings)));
    }

    /** Runs the body with the client's access: at once (errors thrown as they are) while the shard's cache holds it. */
    private CompletionStage<? extends Result> withAccess(ClientState client, Function<Access, CompletionStage<? extends Result>> body) {
        CompletableFuture<Access> access = access(client);
        if (access.isDone() && !access.isCompletedExceptionally()) return body.apply(access.join());
        return access.thenCompose(body::apply);
    }

    private static CompletionStage<? extends Result> execute(CqlStatement statement, ExecutionContext context) {
        statement.checkAccess(context);
        return statement.execute(context);
    }

    /** What the client's role may do, from the authorizer (at once while the shard's cache holds the role). */
    private CompletableFuture<Access> access(ClientState client) {
        ClientState.AuthenticatedUser user = client.user();
        if (user == null) return UNCHECKED;
        // the anonymous role is the node's own (internal writers such as the audit log): CassandraAuthorizer needs logins
        if (user == ClientState.AuthenticatedUser.ANONYMOUS || !server.authorizer().requireAuthorization()) {
            return user.superuser() ? UNCHECKED_SUPERUSER : UNCHECKED;
        }
        return server.authorizer().subject(user).thenApply(subject -> Access.of(user.name(), subject));
    }

    private static final CompletableFuture<Access> UNCHECKED = CompletableFuture.completedFuture(Access.unchecked(false));
    private static final CompletableFuture<Access> UNCHECKED_SUPERUSER = CompletableFuture.completedFuture(Access.unchecked(true));

    private ExecutionContext context(ClientState client, QueryOptions options, List<ByteBuffer> values, RequestTiming timing, Access access,
                                     RequestTrace trace, ClientWarnings warnings) {
        Shard shard = Shard.current();
        long timestamp = options.hasDefaultTimestamp() ? options.defaultTimestamp()
                : server.clock().nextMicros(shard == null ? -1 : shard.id());
        long now = options.hasNowInSeconds() ? options.nowInSeconds() : ServerClock.nowInSeconds();
        return new ExecutionContext(server, client, options, values, timestamp, now, timing, access, trace, warnings);
    }

    /** The statement prepared with {@code id}, from the calling shard's cache; null when it does not hold it. */
    public Prepared prepared(byte[] id) {
        Shard shard = Shard.current();
        return prepared.get(shard == null ? 0 : shard.id(), id);
    }

    private Prepared lookup(byte[] id, ClientState client) {
        Prepared entry = prepared(id);
        if (entry == null) throw new UnpreparedException(id);
        Schema schema = server.schema().current();
        if (entry.schemaVersion() == schema.version()) return entry;
        // the schema moved on: compile again so the statement sees current columns and types
        ClientState compileState = new ClientState(client.version(), client.shard(), client.user());
        compileState.setKeyspace(entry.keyspace());
        CqlStatement statement = compiler.compile(entry.ast(), compileState, schema);
        Prepared fresh = entry.recompiled(statement, schema.version(), resultMetadataId(statement.resultMetadata()));
        Shard shard = Shard.current();
        prepared.put(shard == null ? 0 : shard.id(), fresh);
        return fresh;
    }

    /** Values in marker order; named values (QUERY with names) are matched to their markers by name. */
    private static List<ByteBuffer> bindValues(Statement ast, QueryOptions options) {
        List<ByteBuffer> values = options.values();
        int expected = ast.bindMarkerCount();
        if (options.valueNames() == null) {
            if (values.size() != expected) {
                throw new InvalidRequestException("There were " + expected + " markers(?) in CQL but " + values.size() + " bound variables");
            }
            return values;
        }
        List<ByteBuffer> ordered = new ArrayList<>(expected);
        for (Term.BindMarker marker : ast.bindMarkers()) {
            int at = marker.name() == null ? -1 : options.valueNames().indexOf(marker.name());
            if (at < 0) throw new InvalidRequestException("Invalid unset value for bind marker " + (marker.name() == null ? "?" : ":" + marker.name()));
            ordered.add(values.get(at));
        }
        return ordered;
    }

    private static Statement parse(String query) {
        try {
            return CqlParser.parse(query);
        } catch (CqlSyntaxError e) {
            throw new SyntaxException(e.getMessage());
        }
    }

    /** v5 result metadata id: a digest of the result columns. */
    static byte[] resultMetadataId(ResultMetadata metadata) {
        StringBuilder b = new StringBuilder();
        for (ColumnSpec c : metadata.columns()) {
            b.append(c.keyspace()).append('.').append(c.table()).append('.').append(c.name()).append(':').append(c.type().cqlName()).append(';');
        }
        return PreparedStatements.md5(b.toString());
    }

    /** Completed stage helper for statements that answer immediately. */
    public static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
