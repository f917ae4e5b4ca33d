package org.charybdis.server.audit;

import org.charybdis.cql.messages.BatchRequest;
import org.charybdis.cql.messages.BatchStatement;
import org.charybdis.cql.messages.BatchType;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.messages.PrepareRequest;
import org.charybdis.cql.messages.PreparedResult;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TimeUuidGenerator;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.QueryProcessor;
import org.charybdis.server.cql.RequestTiming;
import org.charybdis.server.service.ClientWarnings;
import org.charybdis.storage.engine.RequestTrace;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code audit: table}: events become rows of {@code audit.audit_log}, ScyllaDB's table, partitioned by day and
 * node. The keyspace and table are created at start-up when missing. Rows are written as unlogged batches of a
 * prepared INSERT through the ordinary write path (commitlog, memtable), on the shards in turn; only the
 * background thread waits for them.
 */
public final class TableAuditSink implements AuditSink {
    public static final String KEYSPACE = "audit";
    public static final String TABLE = "audit_log";
    static final String CREATE_KEYSPACE = "CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";
    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + KEYSPACE + "." + TABLE + " ("
            + "date timestamp, node inet, event_time timeuuid, category text, consistency text, table_name text, "
            + "keyspace_name text, operation text, source inet, username text, error boolean, "
            + "PRIMARY KEY ((date, node), event_time))";
    private static final String INSERT = "INSERT INTO " + KEYSPACE + "." + TABLE
            + " (date, node, event_time, category, consistency, table_name, keyspace_name, operation, source, username, error)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);
    private static final int ROWS_PER_BATCH = 64;
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    private final QueryProcessor processor;
    private final ShardRuntime runtime;
    private final ClientState writer;
    private final byte[] insertId;
    private final ByteBuffer node;
    /** The time of the event being written: event_time is a timeuuid of it, unique among this node's. */
    private long eventMillis;
    private final TimeUuidGenerator eventTimes = new TimeUuidGenerator(() -> eventMillis, new SecureRandom().nextLong());
    private int nextShard;

    private TableAuditSink(QueryProcessor processor, ShardRuntime runtime, ClientState writer, byte[] insertId, InetAddress node) {
        this.processor = processor;
        this.runtime = runtime;
        this.writer = writer;
        this.insertId = insertId;
        this.node = NativeType.INET.serialize(node);
    }

    /** Creates {@code audit.audit_log} if missing and prepares the INSERT; call once at start-up, off the shards. */
    public static TableAuditSink create(QueryProcessor processor, ShardRuntime runtime, InetAddress node) throws Exception {
        processor.executeInternal(CREATE_KEYSPACE, QueryOptions.of(ConsistencyLevel.ONE)).toCompletableFuture().get(1, TimeUnit.MINUTES);
        processor.executeInternal(CREATE_TABLE, QueryOptions.of(ConsistencyLevel.ONE)).toCompletableFuture().get(1, TimeUnit.MINUTES);
        ClientState writer = writerClient();
        PreparedResult prepared = processor.prepare(new PrepareRequest(INSERT, null), writer).toCompletableFuture().get(1, TimeUnit.MINUTES);
        return new TableAuditSink(processor, runtime, writer, prepared.statementId(), node);
    }

    /** The client the rows are written as; the audit log does not audit it. */
    public ClientState writer() {
        return writer;
    }

    private static ClientState writerClient() {
        return ClientState.internal(ProtocolVersion.V5);
    }

    @Override
    public void write(List<AuditEvent> events) throws Exception {
        for (int from = 0; from < events.size(); from += ROWS_PER_BATCH) {
            List<AuditEvent> part = events.subList(from, Math.min(events.size(), from + ROWS_PER_BATCH));
            List<BatchStatement> rows = new ArrayList<>(part.size());
            for (AuditEvent event : part) rows.add(BatchStatement.ofPrepared(insertId, values(event)));
            BatchRequest batch = new BatchRequest(BatchType.UNLOGGED, rows, QueryOptions.of(ConsistencyLevel.ONE));
            runOnAShard(batch).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private CompletableFuture<Void> runOnAShard(BatchRequest batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int shard = nextShard;
        nextShard = (nextShard + 1) % runtime.shardCount();
        runtime.shard(shard).execute(runtime.group(ShardRuntime.STATEMENT), () -> {
            try {
                processor.batch(batch, writer, RequestTiming.INTERNAL, RequestTrace.NONE, ClientWarnings.NONE).whenComplete((result, error) -> {
                    if (error != null) done.completeExceptionally(error);
                    else done.complete(null);
                });
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    private List<ByteBuffer> values(AuditEvent e) {
        eventMillis = e.timeMillis();
        List<ByteBuffer> values = new ArrayList<>(11);
        values.add(NativeType.TIMESTAMP.serialize(Math.floorDiv(e.timeMillis(), DAY_MILLIS) * DAY_MILLIS));
        values.add(node.duplicate());
        values.add(eventTimes.next());
        values.add(text(e.category().name()));
        values.add(text(e.consistency()));
        values.add(text(e.table()));
        values.add(text(e.keyspace()));
        values.add(text(e.operation()));
        values.add(e.source() == null ? QueryOptions.UNSET : NativeType.INET.serialize(e.source()));
        values.add(text(e.username()));
        values.add(NativeType.BOOLEAN.serialize(e.error()));
        return values;
    }

    private static ByteBuffer text(String value) {
        return value == null ? QueryOptions.UNSET : NativeType.TEXT.serialize(value);
    }

    @Override
    public String toString() {
        return "the " + KEYSPACE + "." + TABLE + " table";
    }
}
