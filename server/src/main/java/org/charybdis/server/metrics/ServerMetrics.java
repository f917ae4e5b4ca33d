package org.charybdis.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.controller.BacklogController;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.server.replica.ShardHops;
import org.charybdis.storage.lsm.BackgroundControllers;
import org.charybdis.storage.lsm.LsmEngineFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The server's Prometheus metrics, named in ScyllaDB's style ({@code charybdis_<subsystem>_<name>},
 * labels {@code shard}, {@code scheduling_group}). Hot-path meters are created once per shard and
 * handed out as {@link ShardTransportMetrics}, so recording a request is a field access and an add.
 */
public final class ServerMetrics {
    static final String UNKNOWN_DRIVER = "unknown";
    static final String OTHER_DRIVERS = "other";
    static final int MAX_DRIVER_NAMES = 32;

    /** Request opcodes of the native protocol, indexed by opcode value (null where none). */
    private static final String[] REQUEST_OPCODES = requestOpcodes();

    private static String[] requestOpcodes() {
        String[] names = new String[Opcode.values().length + 1];
        for (Opcode op : Opcode.values()) {
            if (op.isRequest()) names[op.code()] = op.name();
        }
        return names;
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ShardTransportMetrics[] transport;
    private volatile StorageMetrics storage;
    private final ServiceLevelMetrics serviceLevels;
    private final StatementMetrics statements;
    private final MemoryMetrics memory;

    public ServerMetrics(ShardRuntime runtime) {
        serviceLevels = new ServiceLevelMetrics(this, runtime);
        transport = new ShardTransportMetrics[runtime.shardCount()];
        for (Shard shard : runtime.shards()) {
            transport[shard.id()] = new ShardTransportMetrics(shard.id());
            for (SchedulingGroup group : runtime.groups()) registerGroup(shard, group);
            for (IoClass ioClass : IoClass.builtIn()) IoQueueMetrics.register(registry, shard, ioClass);
        }
        ReactorMetrics.register(registry, runtime);
        memory = new MemoryMetrics(registry);
        statements = new StatementMetrics(registry, runtime.shardCount());
    }

    /** Exposes a scheduling group's counters on one shard (also for groups created later); returns its meters. */
    public List<Meter> registerGroup(Shard shard, SchedulingGroup group) {
        Tags tags = Tags.of("shard", Integer.toString(shard.id()), "scheduling_group", group.name());
        List<Meter> meters = new ArrayList<>(registerGroupUsage("charybdis.scheduler", shard, group, tags));
        meters.add(FunctionCounter.builder("charybdis.scheduler.tasks", shard, s -> s.stats(group).tasksRun())
                .tags(tags).description("Tasks run").register(registry));
        if (group.ioClass() != null) meters.addAll(IoQueueMetrics.register(registry, shard, group.ioClass()));
        return meters;
    }

    /** A group's CPU time, queue length and shares on one shard, as {@code <prefix>.runtime.seconds} and so on. */
    List<Meter> registerGroupUsage(String prefix, Shard shard, SchedulingGroup group, Tags tags) {
        return List.of(
                FunctionCounter.builder(prefix + ".runtime.seconds", shard, s -> s.stats(group).runtimeNanos() / 1e9)
                        .tags(tags).description("CPU time used").register(registry),
                Gauge.builder(prefix + ".queue.length", shard, s -> s.stats(group).queueLength())
                        .tags(tags).description("Tasks waiting").register(registry),
                Gauge.builder(prefix + ".shares", shard, s -> s.shares(group))
                        .tags(tags).description("Group shares on the shard (flush and compaction: set by their backlog controllers)")
                        .register(registry));
    }

    /** Removes meters registered for a group that is gone (a dropped service level's). */
    void remove(List<Meter> meters) {
        for (Meter meter : meters) registry.remove(meter);
    }

    /** Per service level meters: requests, latency, CPU time, queue length, shares. */
    public ServiceLevelMetrics serviceLevels() {
        return serviceLevels;
    }

    /** Client statements by kind and keyspace, counted by the query processor. */
    public StatementMetrics statements() {
        return statements;
    }

    /** Times the coordinator's operations (read, write, range, cas, counter, batch) per service level. */
    public void registerOperations(org.charybdis.server.service.CoordinatorLatencies latencies) {
        latencies.listen(serviceLevels::operation);
    }

    /** Exposes each shard's commit log (bytes, syncs, what waits, segments) and its memtables' memory. */
    public void registerCommitLogsAndMemtables(LsmEngineFactory engines, int shards) {
        CommitLogMetrics.register(registry, engines, shards);
        memory.registerMemtables(registry, engines, shards);
    }

    /** Stops what listens to the JVM (the garbage collector's notifications). */
    public void close() {
        memory.close();
    }

    /** Exposes the tables' storage figures (memtables, SSTables, flushes, compactions) per shard. */
    public void registerStorage(org.charybdis.server.replica.TableSizes sizes, java.util.function.Supplier<org.charybdis.server.schema.Schema> schema) {
        storage = new StorageMetrics(registry, sizes, schema);
    }

    /**
     * Exposes each shard's flush and compaction backlogs, the inputs of the controllers that set those groups' shares
     * (normalised: memtable memory over its budget; bytes compaction owes over the memtable budget).
     */
    public void registerBacklogs(LsmEngineFactory engines, int shards) {
        for (int shard = 0; shard < shards; shard++) {
            int id = shard;
            Gauge.builder("charybdis.storage.memtable.flush.backlog", engines, e -> backlog(e.controllers(id), BackgroundControllers::memtableFlush))
                    .tags("shard", Integer.toString(id)).description("Memtable memory held, as a fraction of the shard's memtable space")
                    .register(registry);
            Gauge.builder("charybdis.storage.compaction.backlog", engines, e -> backlog(e.controllers(id), BackgroundControllers::compaction))
                    .tags("shard", Integer.toString(id)).description("Bytes compaction still has to rewrite, in units of the shard's memtable space")
                    .register(registry);
        }
    }

    /** Exposes each shard's chunk cache: hits and misses of Data.db chunks and Index.db spans, bytes held. */
    public void registerChunkCaches(LsmEngineFactory engines, int shards) {
        ChunkCacheMetrics.register(registry, engines, shards);
    }

    private static double backlog(BackgroundControllers controllers, Function<BackgroundControllers, BacklogController> which) {
        return controllers == null ? Double.NaN : which.apply(controllers).backlog();
    }

    /**
     * Exposes, per shard, the partition operations (a read, a write or a batch's share of one shard, a transaction) the
     * coordinator ran on the shard whose connection received the request, and those it sent to another shard (ScyllaDB's
     * cross-shard ops). With a shard-aware driver and prepared statements the second stays near zero.
     */
    public void registerShardHops(ShardHops hops) {
        for (int shard = 0; shard < hops.shardCount(); shard++) {
            int id = shard;
            Tags tags = Tags.of("shard", Integer.toString(id));
            FunctionCounter.builder("charybdis.storage.proxy.coordinator.local.operations", hops, h -> h.local(id)).tags(tags)
                    .description("Partition operations run on the shard whose connection received the request").register(registry);
            FunctionCounter.builder("charybdis.storage.proxy.coordinator.cross.shard.operations", hops, h -> h.crossShard(id)).tags(tags)
                    .description("Partition operations sent from the shard whose connection received the request to the shard owning the partition")
                    .register(registry);
        }
    }

    /** Exposes the requests answered with a timeout, and the work abandoned past its deadline, per kind of request. */
    public void registerTimeouts(org.charybdis.server.service.TimeoutStats stats) {
        for (org.charybdis.server.service.Deadline.Kind kind : org.charybdis.server.service.Deadline.Kind.values()) {
            String label = kind.name().toLowerCase(java.util.Locale.ROOT);
            FunctionCounter.builder("charybdis.service.timeouts", stats, s -> s.timedOut(kind)).tags("kind", label)
                    .description("Requests answered with a timeout error").register(registry);
            FunctionCounter.builder("charybdis.service.abandoned", stats, s -> s.abandoned(kind)).tags("kind", label)
                    .description("Times work past its deadline stopped at a checkpoint (a queued task dropped, a scan stopped)")
                    .register(registry);
        }
    }

    /** Exposes each shard's admission: requests and bytes in flight, requests waiting, requests shed. */
    public void registerAdmission(org.charybdis.server.transport.RequestAdmission[] admissions) {
        for (int shard = 0; shard < admissions.length; shard++) {
            var admission = admissions[shard];
            String id = Integer.toString(shard);
            Gauge.builder("charybdis.transport.requests.in.flight", admission, a -> a.inFlight()).tags("shard", id)
                    .description("Requests admitted and not yet answered").register(registry);
            Gauge.builder("charybdis.transport.requests.in.flight.bytes", admission, a -> a.bytesInFlight()).tags("shard", id)
                    .description("Bytes of the requests admitted and not yet answered").register(registry);
            Gauge.builder("charybdis.transport.requests.waiting", admission, a -> a.queued()).tags("shard", id)
                    .description("Requests waiting for admission (their connections are not read meanwhile)").register(registry);
            FunctionCounter.builder("charybdis.transport.requests.shed", admission, a -> a.shed()).tags("shard", id)
                    .description("Requests answered Overloaded after waiting for admission past their timeout").register(registry);
        }
    }

    public ShardTransportMetrics transport(int shard) {
        return transport[shard];
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        StorageMetrics current = storage;
        if (current != null) current.refresh();
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A request latency histogram (10 us to 10 s buckets). */
    Timer latencyTimer(String name, Tags tags, String description) {
        return Timer.builder(name).tags(tags).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    /** One shard's CQL transport meters; recorded only from that shard's thread. */
    public final class ShardTransportMetrics {
        private final Counter[] requests = new Counter[REQUEST_OPCODES.length];
        private final Counter[] errors = new Counter[REQUEST_OPCODES.length];
        private final Timer latency;
        private final AtomicInteger connections = new AtomicInteger();
        /** Open connections by the driver name their STARTUP gave; touched only by the shard's thread. */
        private final Map<String, AtomicInteger> driverConnections = new HashMap<>();
        private final String shardId;

        ShardTransportMetrics(int shard) {
            String id = Integer.toString(shard);
            shardId = id;
            for (int op = 0; op < REQUEST_OPCODES.length; op++) {
                if (REQUEST_OPCODES[op] == null) continue;
                requests[op] = Counter.builder("charybdis.transport.requests").tags("shard", id, "opcode", REQUEST_OPCODES[op])
                        .description("CQL requests served").register(registry);
                errors[op] = Counter.builder("charybdis.transport.errors").tags("shard", id, "opcode", REQUEST_OPCODES[op])
                        .description("CQL requests answered with an error").register(registry);
            }
            latency = latencyTimer("charybdis.transport.request.latency", Tags.of("shard", id),
                    "CQL request latency, from decoded frame to response written");
            Gauge.builder("charybdis.transport.connections", connections, AtomicInteger::get).tags("shard", id)
                    .description("Open CQL connections").register(registry);
        }

        public void request(int opcode, long nanos, boolean error) {
            if (opcode < 0 || opcode >= requests.length || requests[opcode] == null) return;
            requests[opcode].increment();
            if (error) errors[opcode].increment();
            latency.record(nanos, TimeUnit.NANOSECONDS);
        }

        public void connectionOpened() { connections.incrementAndGet(); }

        public void connectionClosed() { connections.decrementAndGet(); }

        /**
         * A connection started with this STARTUP {@code DRIVER_NAME} ({@value #UNKNOWN_DRIVER} when absent; past
         * {@value #MAX_DRIVER_NAMES} names on a shard, {@value #OTHER_DRIVERS}, so clients cannot make series without end).
         * Returns its count, for the connection to decrement when it closes.
         */
        public AtomicInteger driverConnected(String driverName) {
            boolean clientChosen = driverName != null && !driverName.isBlank();
            String name = clientChosen ? driverName : UNKNOWN_DRIVER;
            if (clientChosen && !driverConnections.containsKey(name) && driverConnections.size() >= MAX_DRIVER_NAMES) name = OTHER_DRIVERS;
            AtomicInteger count = driverConnections.get(name);
            if (count == null) {
                count = new AtomicInteger();
                Gauge.builder("charybdis.transport.driver.connections", count, AtomicInteger::get)
                        .tags("shard", shardId, "driver_name", name)
                        .description("Open CQL connections by the driver name their STARTUP message gave").register(registry);
                driverConnections.put(name, count);
            }
            count.incrementAndGet();
            return count;
        }
    }
}
