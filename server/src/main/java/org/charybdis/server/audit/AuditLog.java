package org.charybdis.server.audit;

import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.syntax.Statement;
import org.charybdis.scheduler.Shard;
import org.charybdis.server.cql.ClientState;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * ScyllaDB's audit log: statements, logins and admin API calls that {@link AuditFilter} selects become
 * {@link AuditEvent}s. Recording an event never waits: it goes into the recording shard's bounded queue (one more
 * queue serves threads that are no shard, e.g. the admin API's), and a background thread drains the queues into
 * the {@link AuditSink} (the {@code audit.audit_log} table or the audit logger). A full queue drops the event and
 * counts it; the count is logged at most every {@value #WARN_INTERVAL_SECONDS} seconds.
 */
public final class AuditLog implements AutoCloseable {
    /** Audits nothing: every hook returns at once. */
    public static final AuditLog DISABLED = new AuditLog();

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int WARN_INTERVAL_SECONDS = 10;
    private static final int MAX_BATCH = 256;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** A statement of a BATCH, kept while the batch is compiled so that its outcome can be audited. */
    public record Entry(Statement statement, String text, String keyspace) {}

    private final AuditFilter filter;
    private final AuditSink sink;
    private final MpscArrayQueue<AuditEvent>[] queues;
    private final ClientState writer;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Thread drainer;
    private volatile boolean running;
    private long droppedReported;
    private long failedReported;
    private long lastWarnNanos;
    private volatile Throwable lastFailure;

    private AuditLog() {
        this.filter = null;
        this.sink = null;
        this.queues = null;
        this.writer = null;
        this.drainer = null;
    }

    /**
     * @param shards    the node's shard count: one queue each, and one for other threads
     * @param queueSize events each queue holds ({@code audit_queue_size})
     * @param writer    the client the sink writes with: its own statements are never audited
     */
    @SuppressWarnings("unchecked")
    public AuditLog(AuditFilter filter, AuditSink sink, int shards, int queueSize, ClientState writer) {
        this.filter = filter;
        this.sink = sink;
        this.writer = writer;
        this.queues = new MpscArrayQueue[shards + 1];
        for (int i = 0; i < queues.length; i++) queues[i] = new MpscArrayQueue<>(Math.max(2, queueSize));
        this.running = true;
        this.drainer = Thread.ofPlatform().daemon().name("audit-writer").start(this::drain);
        log.info("Audit log to {}: categories {}, keyspaces {}, tables {}", sink, filter.categories(), filter.keyspaces(), filter.tables());
    }

    public boolean enabled() {
        return sink != null;
    }

    /** Events dropped because a queue was full, since start. */
    public long droppedEvents() {
        return dropped.sum();
    }

    /**
     * Runs a statement and audits its outcome (error when it throws or its stage fails), if the filter selects it.
     *
     * @param keyspace the keyspace unqualified names resolve to: the prepared statement's, or null for the client's
     */
    public <R> CompletionStage<? extends R> statement(Statement ast, String text, String keyspace, ClientState client,
                                                      ConsistencyLevel consistency, Supplier<? extends CompletionStage<? extends R>> work) {
        if (!enabled() || client == writer) return work.get();
        List<StatementAudit.Target> targets = selected(StatementAudit.targets(ast, keyspace != null ? keyspace : client.keyspace()));
        if (targets.isEmpty()) return work.get();
        String operation = StatementAudit.operation(ast, text);
        CompletionStage<? extends R> outcome;
        try {
            outcome = work.get();
        } catch (RuntimeException e) {
            record(targets, operation, client, consistency, true);
            throw e;
        }
        return outcome.whenComplete((result, error) -> record(targets, operation, client, consistency, error != null));
    }

    /**
     * Runs a BATCH request and audits each of its statements with the batch's outcome. {@code work} adds an
     * {@link Entry} to {@code statements} for each statement as it reads them; those read before a failure are audited.
     */
    public <R> CompletionStage<? extends R> batch(List<Entry> statements, ClientState client, ConsistencyLevel consistency,
                                                  Supplier<? extends CompletionStage<? extends R>> work) {
        if (!enabled() || client == writer) return work.get();
        CompletionStage<? extends R> outcome;
        try {
            outcome = work.get();
        } catch (RuntimeException e) {
            recordBatch(statements, client, consistency, true);
            throw e;
        }
        return outcome.whenComplete((result, error) -> recordBatch(statements, client, consistency, error != null));
    }

    /** A login over CQL, refused ({@code error}) or not. */
    public void login(String username, InetAddress source, boolean error) {
        if (!enabled() || !filter.audits(AuditCategory.AUTH)) return;
        offer(new AuditEvent(System.currentTimeMillis(), AuditCategory.AUTH, null, null, null, "LOGIN", source, username, error));
    }

    /** An admin API request: {@code operation} is its method and path, {@code username} null when none was given. */
    public void admin(String operation, InetAddress source, String username, boolean error) {
        if (!enabled() || !filter.audits(AuditCategory.ADMIN)) return;
        offer(new AuditEvent(System.currentTimeMillis(), AuditCategory.ADMIN, null, null, null, operation, source,
                username == null ? "anonymous" : username, error));
    }

    private List<StatementAudit.Target> selected(List<StatementAudit.Target> targets) {
        if (targets.size() == 1) {
            StatementAudit.Target t = targets.getFirst();
            return filter.audits(t.category(), t.keyspace(), t.table()) ? targets : List.of();
        }
        List<StatementAudit.Target> selected = new ArrayList<>(targets.size());
        for (StatementAudit.Target t : targets) if (filter.audits(t.category(), t.keyspace(), t.table())) selected.add(t);
        return selected;
    }

    private void recordBatch(List<Entry> statements, ClientState client, ConsistencyLevel consistency, boolean error) {
        for (Entry entry : statements) {
            List<StatementAudit.Target> targets = selected(StatementAudit.targets(entry.statement(),
                    entry.keyspace() != null ? entry.keyspace() : client.keyspace()));
            if (!targets.isEmpty()) record(targets, StatementAudit.operation(entry.statement(), entry.text()), client, consistency, error);
        }
    }

    private void record(List<StatementAudit.Target> targets, String text, ClientState client, ConsistencyLevel consistency, boolean error) {
        long now = System.currentTimeMillis();
        String username = client.user() == null ? "anonymous" : client.user().name();
        String cl = consistency == null ? null : consistency.name();
        for (StatementAudit.Target t : targets) {
            offer(new AuditEvent(now, t.category(), cl, t.keyspace(), t.table(), text, client.source(), username, error));
        }
    }

    /** Into the calling shard's queue (or the shared one off the shards); a full queue drops the event. */
    private void offer(AuditEvent event) {
        Shard shard = Shard.current();
        int queue = shard == null || shard.id() >= queues.length - 1 ? queues.length - 1 : shard.id();
        if (!queues[queue].offer(event)) dropped.increment();
    }

    /** The background thread: drains every queue into the sink until closed, then what is left. */
    private void drain() {
        List<AuditEvent> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            boolean stopping = !running;
            for (MpscArrayQueue<AuditEvent> queue : queues) {
                queue.drain(batch::add, MAX_BATCH - batch.size());
                if (batch.size() >= MAX_BATCH) break;
            }
            if (batch.isEmpty()) {
                warnIfLost();
                if (stopping) return;
                LockSupport.parkNanos(IDLE_NANOS);
                continue;
            }
            try {
                sink.write(batch);
            } catch (Exception e) {
                failed.add(batch.size());
                lastFailure = e;
                log.debug("Audit sink {} failed", sink, e);
            } catch (Throwable t) {
                failed.add(batch.size());
                log.error("Audit sink {} failed", sink, t);
            }
            batch.clear();
            warnIfLost();
        }
    }

    private void warnIfLost() {
        long now = System.nanoTime();
        if (now - lastWarnNanos < TimeUnit.SECONDS.toNanos(WARN_INTERVAL_SECONDS) && running) return;
        long droppedNow = dropped.sum();
        long failedNow = failed.sum();
        if (droppedNow > droppedReported) {
            log.warn("Audit log: {} events dropped since the last report because the audit queue was full (audit_queue_size); "
                    + "{} in all", droppedNow - droppedReported, droppedNow);
            droppedReported = droppedNow;
            lastWarnNanos = now;
        }
        if (failedNow > failedReported) {
            log.warn("Audit log: {} events could not be written to {} since the last report; {} in all (last failure: {})",
                    failedNow - failedReported, sink, failedNow, String.valueOf(lastFailure));
            failedReported = failedNow;
            lastWarnNanos = now;
        }
    }

    /** Writes what the queues hold, then stops the background thread. */
    @Override
    public void close() {
        if (drainer == null || !running) return;
        running = false;
        LockSupport.unpark(drainer);
        try {
            drainer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sink.close();
        } catch (Exception e) {
            log.warn("Could not close the audit sink {}", sink, e);
        }
    }
}
