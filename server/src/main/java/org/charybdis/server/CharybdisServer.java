package org.charybdis.server;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.charybdis.server.api.AdminAccess;
import org.charybdis.server.api.AdminApi;
import org.charybdis.server.audit.AuditFilter;
import org.charybdis.server.audit.AuditLog;
import org.charybdis.server.audit.AuditSink;
import org.charybdis.server.audit.LogAuditSink;
import org.charybdis.server.audit.TableAuditSink;
import org.charybdis.server.api.LoggerRoutes;
import org.charybdis.server.api.MetricsRoutes;
import org.charybdis.server.api.NativeTransportRoutes;
import org.charybdis.server.api.NodeDrain;
import org.charybdis.server.api.TopPartitionsRoute;
import org.charybdis.server.api.SnapshotRoutes;
import org.charybdis.server.api.StorageRoutes;
import org.charybdis.server.api.CompactionRoutes;
import org.charybdis.server.api.SlowQueryRoutes;
import org.charybdis.server.api.TracingRoutes;
import org.charybdis.server.system.CompactionHistory;
import org.charybdis.server.system.ViewBuildsInProgress;
import org.charybdis.server.snapshot.AutoSnapshot;
import org.charybdis.server.snapshot.SnapshotControl;
import org.charybdis.server.snapshot.TableRefresh;
import org.charybdis.server.auth.AllowAllAuthenticator;
import org.charybdis.server.auth.Authenticator;
import org.charybdis.server.auth.PasswordAuthenticator;
import org.charybdis.server.auth.PasswordHasher;
import org.charybdis.server.cql.QueryProcessor;
import org.charybdis.server.service.ServerClock;
import org.charybdis.server.cql.ServerContext;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.cql.udf.UserFunctionCalls;
import org.charybdis.server.schema.SchemaManager;
import org.charybdis.server.schema.SchemaStore;
import org.charybdis.server.system.SystemKeyspaces;
import org.charybdis.server.transport.ConnectionHandler;
import org.charybdis.server.system.TraceTables;
import org.charybdis.server.tracing.SlowQueryLog;
import org.charybdis.server.tracing.Tracing;
import org.charybdis.server.transport.ConnectionServices;
import org.charybdis.server.transport.CqlServer;
import org.charybdis.server.transport.EventNotifier;
import org.charybdis.server.transport.NativeTransport;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.lsm.LsmEngineFactory;
import org.charybdis.server.config.MemoryBudget;
import org.charybdis.server.config.StorageSettings;
import org.charybdis.server.replica.NodeDirectory;
import org.charybdis.server.config.ConfigKey;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.console.ConsoleRoutes;
import org.charybdis.server.console.LiveStats;
import org.charybdis.server.http.HttpEndpoint;
import org.charybdis.server.http.HttpsRequired;
import org.charybdis.server.config.EncryptionOptions;
import org.charybdis.server.tls.ReloadingSslContext;
import org.charybdis.server.tls.TlsPort;
import org.charybdis.server.http.HttpEndpoint.Reply;
import org.charybdis.server.metrics.ServerMetrics;
import org.charybdis.server.qos.ServiceLevelController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One Charybdis node: the shard runtime, the database on it, the CQL listeners, and the operator
 * endpoints (Prometheus, admin API). {@link #start} returns once clients can connect.
 */
public final class CharybdisServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    /** What system.local reports: drivers and cqlsh pick features by it. */
    public static final String RELEASE_VERSION = "5.0.4";
    public static final String CQL_VERSION = "3.4.7";
    /** Under the workdir: the saved schema ({@code schema.json}). */
    public static final String SCHEMA_DIRECTORY = "schema";

    private static final Logger log = LoggerFactory.getLogger(CharybdisServer.class);

    private final ServerConfig config;
    private final ShardRuntime runtime;
    private final ServerMetrics metrics;
    private final MultiThreadIoEventLoopGroup operatorLoop;
    private final LsmEngineFactory engines;
    private final Database database;
    private final NodeDrain drain;
    private final CompactionHistory compactionHistory;
    private final EventNotifier events = new EventNotifier();
    private final SchemaManager schema;
    private final SnapshotControl snapshots;
    private final ServerContext context;
    private final QueryProcessor processor;
    private volatile NativeTransport nativeTransport;
    private Tracing tracing;
    private volatile boolean storageStarted;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final long startedAtMillis = System.currentTimeMillis();
    private HttpEndpoint prometheus;
    private HttpEndpoint adminApi;
    private LiveStats liveStats;
    private AuditLog audit = AuditLog.DISABLED;
    /** client_encryption_options and api_encryption_options, when enabled (else null). */
    private final ReloadingSslContext clientTls;
    private final ReloadingSslContext apiTls;
    private volatile boolean closed;

    private CharybdisServer(ServerConfig config) {
        // system.local reports the CQL ports, so an ephemeral port (0) is chosen before anything reads the config
        if (config.get(ServerConfig.API_AUTHENTICATION).equals("password") && !config.passwordAuthentication()) {
            throw new StartupFailedException("api_authentication: password checks the admin API's credentials against system_auth.roles, "
                    + "so it requires authenticator: PasswordAuthenticator (authenticator is " + config.get(ServerConfig.AUTHENTICATOR) + ")", null);
        }
        this.config = config = choosePorts(config);
        // TLS files are read before anything starts, so a missing or bad one stops start-up naming the option and file
        this.clientTls = sslContext(config, ServerConfig.CLIENT_ENCRYPTION_OPTIONS);
        this.apiTls = sslContext(config, ServerConfig.API_ENCRYPTION_OPTIONS);
        // the saved schema is read before anything starts, so an unreadable one stops start-up with nothing to clean up
        SchemaStore schemaStore = new SchemaStore(config.workdir().resolve(SCHEMA_DIRECTORY), keyspace -> !SystemKeyspaces.isLocal(keyspace));
        Schema initialSchema = schemaStore.loadOnto(SystemKeyspaces.initialSchema());
        ShardRuntimeConfig.IoTransport transport = ShardRuntimeConfig.IoTransport.valueOf(
                config.get(ServerConfig.IO_TRANSPORT).toUpperCase(Locale.ROOT));
        NodeDirectory.checkShardCount(config.dataDirectory(), config.get(ServerConfig.SMP));
        this.runtime = ShardRuntime.start(new ShardRuntimeConfig(config.get(ServerConfig.SMP), transport,
                Duration.ofNanos(500_000), Duration.ofMillis(config.get(ServerConfig.REACTOR_STALL_THRESHOLD_MS)))
                .withIoCapacity(StorageSettings.ioCapacity(config)));
        this.metrics = new ServerMetrics(runtime);
        this.operatorLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.engines = new LsmEngineFactory(StorageSettings.lsm(config), runtime.shardCount());
        engines.onCommitFailure(this::commitFailed);
        this.database = new Database(runtime, engines);
        database.publishTableSizes(5);
        this.drain = new NodeDrain(database);
        this.schema = new SchemaManager(database, events, initialSchema, schemaStore);
        UserFunctionCalls.compileInBackground(schema.current());
        this.compactionHistory = new CompactionHistory(database, schema::current);
        engines.onCompaction(compactionHistory::record);
        database.views().recordBuildsIn(new ViewBuildsInProgress(database, schema::current));
        engines.compactionThroughput(config.compactionThroughput());
        this.snapshots = new SnapshotControl(database, schema::current, config.dataDirectory());
        engines.incrementalBackups(config.get(ServerConfig.INCREMENTAL_BACKUPS));
        metrics.registerStorage(database.sizes(), schema::current);
        metrics.registerBacklogs(engines, runtime.shardCount());
        metrics.registerShardHops(database.hops());
        metrics.registerChunkCaches(engines, runtime.shardCount());
        metrics.registerCommitLogsAndMemtables(engines, runtime.shardCount());
        Authenticator authenticator = config.passwordAuthentication() ? passwordAuthenticator() : new AllowAllAuthenticator();
        ServiceLevelController serviceLevels = new ServiceLevelController(runtime, database, schema::current,
                ServerContext.roleStore(authenticator, database, schema), metrics.serviceLevels());
        this.context = new ServerContext(config, runtime, database, schema, authenticator, events,
                new ServerClock(runtime.shardCount()), serviceLevels);
        metrics.registerTimeouts(context.timeouts().stats());
        metrics.registerOperations(context.proxy().latencies());
        if (config.get(ServerConfig.AUTO_SNAPSHOT)) {
            AutoSnapshot autoSnapshot = new AutoSnapshot(snapshots);
            schema.beforeDrop(autoSnapshot::beforeDrop);
            context.proxy().beforeTruncate(autoSnapshot::beforeTruncate);
        }
        this.processor = new QueryProcessor(context);
        processor.countStatementsIn(metrics.statements());
    }

    /** Logins checked against system_auth.roles (the default superuser is set up in {@link #start}). */
    private PasswordAuthenticator passwordAuthenticator() {
        PasswordAuthenticator authenticator = new PasswordAuthenticator(database, schema::current, new PasswordHasher());
        closeables.add(authenticator);
        return authenticator;
    }

    private static ReloadingSslContext sslContext(ServerConfig config, EncryptionOptions.Keys section) {
        EncryptionOptions options = config.encryption(section);
        return options.enabled() ? new ReloadingSslContext(options) : null;
    }

    private static ServerConfig choosePorts(ServerConfig config) {
        for (var key : CHOSEN_PORTS) {
            if (config.get(key) != 0) continue;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(config.get(ServerConfig.RPC_ADDRESS)))) {
                config = config.with(key, probe.getLocalPort());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot find a free port for " + key.name(), e);
            }
        }
        return config;
    }

    public static CharybdisServer start(ServerConfig config) {
        for (String notice : config.notices()) log.info(notice);
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(config);
            } catch (StartupFailedException e) {
                // a free port chosen for a 0 in the configuration may be taken by another process before the node binds it
                if (attempt == 3 || !choosesPorts(config) || !addressInUse(e)) throw e;
                log.warn("A port chosen for this node was taken before it could bind it ({}); choosing the ports again", e.getMessage());
            }
        }
    }

    /** The CQL ports a 0 in the configuration asks the node to choose (their number is announced, so chosen before binding). */
    private static final java.util.List<ConfigKey<Integer>> CHOSEN_PORTS = java.util.List.of(ServerConfig.NATIVE_TRANSPORT_PORT,
            ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT, ServerConfig.NATIVE_TRANSPORT_PORT_SSL, ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT_SSL);

    private static boolean choosesPorts(ServerConfig config) {
        for (var key : CHOSEN_PORTS) if (config.get(key) == 0) return true;
        return false;
    }

    private static boolean addressInUse(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) return true;
        }
        return false;
    }

    private static CharybdisServer startOnce(ServerConfig config) {
        CharybdisServer server = new CharybdisServer(config);
        try {
            server.engines.start(server.runtime).join(); // commitlog replay: before anything reads or writes
            server.storageStarted = true;
            server.database.startIndexBuilds().join(); // indexes whose build a stop interrupted
            server.database.startViews().join(); // view updates logged for other shards, sent again
            server.context.proxy().triggers().loadAll(); // trigger jars read here, not by a shard's first write
            if (server.context.authenticator() instanceof PasswordAuthenticator passwords) {
                passwords.setupDefaultSuperuser().join(); // main thread: waiting here blocks no shard
            }
            server.context.serviceLevels().start().join(); // groups of the stored service levels, before any client
            server.startAudit();
            server.startEndpoints();
        } catch (Exception e) {
            server.close();
            Throwable cause = AsyncLoop.unwrap(e);
            throw new StartupFailedException("Charybdis failed to start: " + cause.getMessage(), cause);
        }
        return server;
    }

    /**
     * commit_failure_policy, on the shard whose commit log failed: the log already refuses writes (stop_commit,
     * ignore); stop also disconnects every client and keeps the REST API for inspection; die exits.
     */
    private void commitFailed(int shard, Throwable error) {
        String policy = config.get(ServerConfig.COMMIT_FAILURE_POLICY);
        String what = "The commit log of shard " + shard + " in " + config.commitLogDirectory() + " failed (" + error + ")";
        switch (policy) {
            case "stop" -> {
                log.error("{}: stopping client transports (commit_failure_policy: stop); the REST API stays up. Check the disk, then restart", what);
                Thread.ofPlatform().name("commit-failure-stop").start(() -> {
                    NativeTransport clients = nativeTransport;
                    if (clients != null) clients.stop();
                });
            }
            case "die" -> {
                log.error("{}: exiting (commit_failure_policy: die)", what);
                Runtime.getRuntime().halt(1); // everything acknowledged is on disk; nothing more is safe to do
            }
            default -> log.error("{}: writes to that shard are refused, reads go on (commit_failure_policy: {}). Check the disk, then restart",
                    what, policy);
        }
    }

    /** audit: table or syslog/log: the audit log's sink (audit.audit_log created if missing) and its writer thread. */
    private void startAudit() throws Exception {
        String destination = config.get(ServerConfig.AUDIT);
        if (destination.equals("none")) return;
        java.net.InetAddress node = java.net.InetAddress.getByName(config.broadcastAddress());
        AuditSink sink;
        org.charybdis.server.cql.ClientState writer = null;
        if (destination.equals("table")) {
            TableAuditSink table = TableAuditSink.create(processor, runtime, node);
            writer = table.writer();
            sink = table;
        } else {
            sink = new LogAuditSink(node);
        }
        audit = new AuditLog(AuditFilter.of(config), sink, runtime.shardCount(), config.get(ServerConfig.AUDIT_QUEUE_SIZE), writer);
        closeables.add(audit);
        processor.auditTo(audit);
    }

    /** Query tracing, its sessions written to system_traces under the node's broadcast address. */
    private Tracing startTracing() throws java.net.UnknownHostException {
        java.net.InetAddress node = java.net.InetAddress.getByName(config.broadcastAddress());
        tracing = new Tracing(runtime, new TraceTables(database, context.schema()::current, node), config.get(ServerConfig.TRACE_PROBABILITY),
                SlowQueryLog.of(config), processor::prepared);
        return tracing;
    }

    private void startEndpoints() throws InterruptedException, java.net.UnknownHostException {
        ConnectionServices services = new ConnectionServices(processor, context.authenticator(), events, metrics,
                context.serviceLevels()::schedulingGroupFor, runtime.shardCount(), () -> nativeTransport.server().shardAwarePort(),
                () -> nativeTransport.server().shardAwareTlsPort(),
                admissions(), admissionTimeout().toNanos(), context.serviceLevels(), startTracing());
        nativeTransport = new NativeTransport(() -> new CqlServer(runtime, config, (shard, channel) -> new ConnectionHandler(shard, services), clientTls));
        int reloadMillis = config.get(ServerConfig.ENCRYPTION_RELOAD_INTERVAL_IN_MS);
        for (ReloadingSslContext tls : new ReloadingSslContext[] {clientTls, apiTls}) {
            if (tls == null) continue;
            tls.watch(operatorLoop, reloadMillis); // the operator loop, never a shard: the check reads files
            closeables.add(tls);
        }
        int promPort = config.get(ServerConfig.PROMETHEUS_PORT);
        if (promPort >= 0) {
            prometheus = HttpEndpoint.start(operatorLoop, config.get(ServerConfig.PROMETHEUS_ADDRESS), promPort,
                    request -> CompletableFuture.completedFuture(request.path().equals("/metrics")
                            ? new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()) : null));
        }
        int apiPort = config.get(ServerConfig.API_PORT);
        if (apiPort >= 0) {
            boolean credentials = config.get(ServerConfig.API_AUTHENTICATION).equals("password");
            String apiAddress = config.get(ServerConfig.API_ADDRESS);
            adminApi = HttpEndpoint.start(operatorLoop, apiAddress, apiPort,
                    apiTls == null ? null : TlsPort.tls("admin API port " + apiPort, apiTls, config.encryption(ServerConfig.API_ENCRYPTION_OPTIONS).optional(), new HttpsRequired()),
                    new AdminAccess(adminRoutes(), credentials ? context.authenticator() : null, audit, operatorLoop));
            if (!credentials && !isLoopback(apiAddress)) {
                log.warn("The admin API listens on {} without credentials: anyone who reaches that address can flush, snapshot or "
                        + "drain this node. Set api_authentication: password (with PasswordAuthenticator), or api_address: 127.0.0.1", apiAddress);
            }
        }
        // CQL listeners last: a client that can connect finds every other endpoint up
        nativeTransport.start();
        closeables.add(nativeTransport);
        context.proxy().onDiskFailureStop(nativeTransport::stop);
        log.info("Charybdis {} started: {} shards on {}, Prometheus on {}, admin API on {}", VERSION, runtime.shardCount(),
                runtime.transportName(), prometheus == null ? "-" : prometheus.port(), adminApi == null ? "-" : adminApi.port());
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Each shard's share of the requests and request bytes the node runs at once. */
    private org.charybdis.server.transport.RequestAdmission[] admissions() {
        long bytes = config.get(ServerConfig.NATIVE_TRANSPORT_MAX_REQUEST_DATA_IN_FLIGHT);
        if (bytes == 0) bytes = MemoryBudget.of(config).requestsInFlight();
        var admissions = org.charybdis.server.transport.RequestAdmission.perShard(runtime.shardCount(),
                config.get(ServerConfig.MAX_CONCURRENT_REQUESTS_PER_SHARD), Math.max(1, bytes / runtime.shardCount()));
        metrics.registerAdmission(admissions);
        return admissions;
    }

    /** A request waiting for admission longer than the shortest request timeout would time out anyway: it is shed. */
    private Duration admissionTimeout() {
        return java.util.stream.Stream.of(org.charybdis.server.service.Deadline.Kind.READ, org.charybdis.server.service.Deadline.Kind.WRITE)
                .map(context.timeouts()::of).min(Duration::compareTo).orElseThrow();
    }

    /** The admin API: the node's facts, then each subsystem's routes (ScyllaDB's paths beside the older /storage ones). */
    private AdminApi adminRoutes() {
        AdminApi api = new AdminApi()
                .get("/version", () -> NodeFacts.version())
                .get("/status", () -> NodeFacts.status(this))
                .get("/info", () -> NodeFacts.info(this))
                .get("/storage_service/release_version", () -> RELEASE_VERSION)
                .get("/storage_service/hostid/local", () -> NodeFacts.hostId(this))
                .get("/storage_service/host_id", () -> List.of(java.util.Map.of("key", config.get(ServerConfig.LISTEN_ADDRESS), "value", NodeFacts.hostId(this))))
                .get("/storage_service/cluster_name", () -> config.get(ServerConfig.CLUSTER_NAME))
                .get("/storage_service/partitioner_name", () -> org.charybdis.server.system.Topology.PARTITIONER)
                .get("/storage_service/schema_version", () -> schema.current().versionId().toString())
                .get("/storage_proxy/schema_versions", () -> List.of(java.util.Map.of("key", schema.current().versionId().toString(),
                        "value", List.of(config.get(ServerConfig.LISTEN_ADDRESS)))))
                .get("/snitch/name", () -> "org.apache.cassandra.locator.SimpleSnitch")
                .get("/storage_service/operation_mode", () -> mode().name())
                .getAsync("/storage_service/keyspaces", request -> CompletableFuture.completedFuture(NodeFacts.keyspaces(schema.current(), request)));
        new CompactionRoutes(database, schema::current, engines, compactionHistory, operatorLoop).registerOn(api);
        new SnapshotRoutes(database, snapshots, new TableRefresh(database, snapshots), schema::current, operatorLoop).registerOn(api);
        new StorageRoutes(database, schema::current, drain, operatorLoop).registerOn(api);
        new MetricsRoutes(database, schema::current, context.proxy().latencies(), operatorLoop).registerOn(api);
        new TopPartitionsRoute(database, schema::current, operatorLoop).registerOn(api);
        new NativeTransportRoutes(nativeTransport).registerOn(api);
        new TracingRoutes(tracing).registerOn(api);
        new SlowQueryRoutes(tracing).registerOn(api);
        liveStats = new LiveStats(runtime, engines, metrics.serviceLevels(), operatorLoop.next());
        closeables.add(liveStats);
        new ConsoleRoutes(liveStats).registerOn(api);
        return new LoggerRoutes().registerOn(api);
    }

    public ServerConfig config() { return config; }

    public ShardRuntime runtime() { return runtime; }

    public ServerMetrics metrics() { return metrics; }

    /** The live console's sampler (null while the admin API is off). */
    public LiveStats liveStats() { return liveStats; }

    public ServerContext context() { return context; }

    public QueryProcessor processor() { return processor; }

    /** The audit log ({@link AuditLog#DISABLED} with audit: none). */
    public AuditLog auditLog() { return audit; }

    /** The bound CQL port (useful when configured as 0). */
    public int nativePort() { return nativeTransport.server().port(); }

    /** The bound shard-aware CQL port. */
    public int shardAwarePort() { return nativeTransport.server().shardAwarePort(); }

    /** Whether CQL clients are served (an operator may stop and start the listeners: disablebinary, enablebinary). */
    public boolean nativeTransportRunning() { return nativeTransport != null && nativeTransport.isRunning(); }

    /** The TLS-only CQL port (native_transport_port_ssl), or -1. */
    public int nativeSslPort() { return nativeTransport.server().sslPort(); }

    /** The shard-aware port that speaks TLS, or -1. */
    public int shardAwareTlsPort() { return nativeTransport.server().shardAwareTlsPort(); }

    public long startedAtMillis() { return startedAtMillis; }

    /** NORMAL, or DRAINING/DRAINED once an operator drained the node. */
    public NodeDrain.Mode mode() { return drain.mode(); }

    /** The bound Prometheus port (useful when configured as 0), or -1 if disabled. */
    public int prometheusPort() { return prometheus == null ? -1 : prometheus.port(); }

    /** The bound admin API port, or -1 if disabled. */
    public int apiPort() { return adminApi == null ? -1 : adminApi.port(); }

    /** Clean shutdown of the data: everything flushed and the commitlog synced (drain), then the files closed. */
    /**
     * Drains (flushes everything) then closes the storage; after a start-up that failed in recovery, only closes it:
     * what recovery replayed stays in the commit log alone, as the operator may still restore a damaged segment.
     */
    private void stopStorage() {
        if (storageStarted) {
            try {
                database.onAllShardsAsync(org.charybdis.storage.engine.ShardStorage::drain).get(2, java.util.concurrent.TimeUnit.MINUTES);
                log.info("Drained: every memtable flushed, the commitlog synced and closed");
            } catch (Exception e) {
                log.warn("Could not drain the storage before stopping; the commitlog will be replayed at the next start", e);
            }
        }
        try {
            database.close().get(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (Exception e) {
            log.warn("Could not close the storage cleanly", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}", c, e);
            }
        }
        if (adminApi != null) adminApi.close();
        if (prometheus != null) prometheus.close();
        operatorLoop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        stopStorage();
        engines.stopControllers();
        runtime.close();
        metrics.close();
        log.info("Charybdis stopped");
    }
}
