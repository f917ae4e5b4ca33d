package org.charybdis.server.config;

import org.charybdis.storage.engine.DiskFailurePolicy;
import org.charybdis.storage.sstable.ChunkCache;
import org.charybdis.storage.vector.VectorIndex;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's configuration: every key of {@code conf/charybdis.yaml}, with scylla.yaml names where the
 * concept exists. Values come from the defaults, then the YAML file, then {@code --key-name=value}.
 */
public final class ServerConfig {
    public static final ConfigKey<String> CLUSTER_NAME = key("cluster_name", String.class, "Charybdis Cluster", ConfigValues::string, "Cluster name reported to clients");
    public static final ConfigKey<String> LISTEN_ADDRESS = key("listen_address", String.class, "127.0.0.1", ConfigValues::address, "Address this node reports as its own");
    public static final ConfigKey<String> RPC_ADDRESS = key("rpc_address", String.class, "127.0.0.1", ConfigValues::address, "Address CQL clients connect to");
    public static final ConfigKey<String> BROADCAST_ADDRESS = key("broadcast_address", String.class, "", ConfigValues::addressOrEmpty, "Address this node tells others and drivers it has, when not listen_address (behind NAT, in a container); system.local's broadcast_address");
    public static final ConfigKey<String> BROADCAST_RPC_ADDRESS = key("broadcast_rpc_address", String.class, "", ConfigValues::addressOrEmpty, "Address drivers are told to connect to (system.local's rpc_address), when not rpc_address; with rpc_address 0.0.0.0 the default is broadcast_address");
    public static final ConfigKey<Integer> NATIVE_TRANSPORT_PORT = key("native_transport_port", Integer.class, 9042, ConfigValues::port, "CQL native protocol port");
    public static final ConfigKey<Integer> NATIVE_SHARD_AWARE_TRANSPORT_PORT = key("native_shard_aware_transport_port", Integer.class, 19042, ConfigValues::portOrDisabled, "Shard-aware CQL port (a connection is served by shard client_port mod smp; -1 disables)");
    public static final ConfigKey<Integer> NATIVE_TRANSPORT_PORT_SSL = key("native_transport_port_ssl", Integer.class, -1, ConfigValues::portOrDisabled, "TLS-only CQL port beside the plain native_transport_port when client_encryption_options is enabled (-1: none, native_transport_port itself is TLS)");
    public static final ConfigKey<Integer> NATIVE_SHARD_AWARE_TRANSPORT_PORT_SSL = key("native_shard_aware_transport_port_ssl", Integer.class, -1, ConfigValues::portOrDisabled, "TLS-only shard-aware CQL port beside the plain one when client_encryption_options is enabled (-1: none)");
    public static final EncryptionOptions.Keys CLIENT_ENCRYPTION_OPTIONS = new EncryptionOptions.Keys("client_encryption_options", "CQL clients");
    public static final ConfigKey<Integer> NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB = key("native_transport_max_frame_size_in_mb", Integer.class, 16, ConfigValues::positiveMebibytes, "Largest accepted CQL frame");
    public static final ConfigKey<String> PARTITIONER = key("partitioner", String.class, "Murmur3Partitioner", ConfigValues.oneOf("Murmur3Partitioner"), "The only partitioner: org.apache.cassandra.dht.Murmur3Partitioner, Cassandra's and ScyllaDB's default");
    // ScyllaDB's image flags, accepted so its command lines work unchanged
    public static final ConfigKey<Boolean> DEVELOPER_MODE = key("developer_mode", Boolean.class, false, ConfigValues::bool, "ScyllaDB's relaxed environment checks; Charybdis refuses no environment, so it changes nothing");
    public static final ConfigKey<Boolean> OVERPROVISIONED = key("overprovisioned", Boolean.class, false, ConfigValues::bool, "ScyllaDB's mode for shared CPUs; Charybdis's shards never busy-poll, so it changes nothing");
    public static final ConfigKey<String> SEEDS = key("seeds", String.class, "", ConfigValues::list, "Contact nodes of a cluster (ScyllaDB's --seeds): one node has none, so they are logged and ignored");
    public static final ConfigKey<String> WORKDIR = key("workdir", String.class, "./data", ConfigValues::string, "Directory holding data, commitlog and other directories unless given");
    public static final ConfigKey<Integer> SMP = key("smp", Integer.class, Runtime.getRuntime().availableProcessors(), ConfigValues::positive, "Number of shards (reactor threads)");
    public static final ConfigKey<Long> MEMORY = key("memory", Long.class, 1L << 30, ConfigValues::size, "Memory of the whole process, as ScyllaDB's --memory: the Java heap, memtables, caches and the JVM itself (e.g. 1G, 4G; see MemoryBudget)");
    public static final ConfigKey<String> DATA_FILE_DIRECTORIES = key("data_file_directories", String.class, "", ConfigValues::directory, "Directory of the tables' SSTables (default: <workdir>/data)");
    public static final ConfigKey<String> COMMITLOG_DIRECTORY = key("commitlog_directory", String.class, "", ConfigValues::directory, "Directory of the commitlog segments (default: <workdir>/commitlog)");
    public static final ConfigKey<String> COMMITLOG_SYNC = key("commitlog_sync", String.class, "periodic", ConfigValues.oneOf("periodic", "batch"), "periodic: fsync every commitlog_sync_period_in_ms; batch: acknowledge a write only after its fsync");
    public static final ConfigKey<Integer> COMMITLOG_SYNC_PERIOD_IN_MS = key("commitlog_sync_period_in_ms", Integer.class, 10000, ConfigValues::positiveMillis, "Time between commitlog fsyncs in periodic mode");
    public static final ConfigKey<Integer> COMMITLOG_SYNC_BATCH_WINDOW_IN_MS = key("commitlog_sync_batch_window_in_ms", Integer.class, 2, ConfigValues::nonNegativeMillis, "In batch mode, how long writes are gathered into one fsync (0: at once)");
    public static final ConfigKey<Integer> COMMITLOG_SEGMENT_SIZE_IN_MB = key("commitlog_segment_size_in_mb", Integer.class, 32, ConfigValues::positiveMebibytes, "Size of each pre-allocated commitlog segment; a mutation may take at most half of one");
    public static final ConfigKey<Integer> COMMITLOG_TOTAL_SPACE_IN_MB = key("commitlog_total_space_in_mb", Integer.class, 8192, ConfigValues.positiveMebibytesOrAuto(8192), "Commitlog space per shard above which the oldest memtables are flushed (-1, as in scylla.yaml: the default)");
    public static final ConfigKey<String> COMMITLOG_REPLAY_ERRORS = key("commitlog_replay_errors", String.class, "stop", ConfigValues.oneOf("stop", "ignore"), "When replay finds damaged commitlog entries that had been fsynced: stop (refuse to start) or ignore (replay every intact entry, keep the damaged segments in commitlog/damaged)");
    public static final ConfigKey<String> DISK_FAILURE_POLICY = key("disk_failure_policy", String.class, "stop", ConfigValues.oneOf("die", "stop_paranoid", "stop", "best_effort", "ignore"), "What a corrupt SSTable does: stop/ignore: reads touching it fail; best_effort: it is quarantined and the rest served; stop_paranoid: clients are disconnected; die: the process exits");
    public static final ConfigKey<String> TRIGGERS_DIR = key("triggers_dir", String.class, "", ConfigValues::directory, "Directory of the trigger jars CREATE TRIGGER loads classes from, each jar in its own class loader (default: the system property cassandra.triggers_dir, which bin/charybdis sets to conf/triggers, else ./conf/triggers)");
    public static final ConfigKey<Boolean> DYNAMIC_DATA_MASKING_ENABLED = key("dynamic_data_masking_enabled", Boolean.class, false, ConfigValues::bool, "Allow attaching masking functions to table columns (MASKED WITH), as Cassandra 5.0's dynamic data masking; the masking functions work in SELECT either way");
    public static final ConfigKey<Boolean> AUTO_SNAPSHOT = key("auto_snapshot", Boolean.class, true, ConfigValues::bool, "Snapshot a table before DROP TABLE, DROP KEYSPACE or TRUNCATE removes its data (tags dropped-<millis>-<table>, truncated-<millis>-<table>)");
    public static final ConfigKey<Boolean> INCREMENTAL_BACKUPS = key("incremental_backups", Boolean.class, false, ConfigValues::bool, "Hard-link every flushed SSTable into its table's backups/shard-<n> directory");
    public static final ConfigKey<Boolean> DROP_COMPACT_STORAGE_ENABLED = key("drop_compact_storage_enabled", Boolean.class, false, ConfigValues::bool, "Allow ALTER TABLE ... DROP COMPACT STORAGE, which turns a COMPACT STORAGE table into an ordinary one showing its hidden columns (off by default, as in Cassandra)");
    public static final ConfigKey<String> COMMIT_FAILURE_POLICY = key("commit_failure_policy", String.class, "stop", ConfigValues.oneOf("die", "stop", "stop_commit", "ignore"), "When a commitlog write or fsync fails: the failed commitlog refuses writes; stop also disconnects every client (the REST API stays), die exits; stop_commit and ignore do nothing more");
    public static final ConfigKey<Double> MEMTABLE_TOTAL_SPACE = key("memtable_total_space", Double.class, 0.5, ConfigValues::fraction, "Share of the memtables' pool (60% of `memory` after the JVM's own overhead) the memtables may use, split evenly over the shards; the rest is heap for their index");
    public static final ConfigKey<Integer> VECTOR_SEARCH_BEAM_WIDTH = key("vector_search_beam_width", Integer.class, VectorIndex.DEFAULT_SEARCH_BEAM_WIDTH, ConfigValues::positive, "Nodes an ANN query collects from each SSTable's vector index graph (at least its LIMIT): wider finds the true nearest neighbours more often (recall) and answers more slowly; ScyllaDB's search_beam_width");
    public static final ConfigKey<Double> INDEX_CACHE_FRACTION = key("index_cache_fraction", Double.class, ChunkCache.DEFAULT_INDEX_FRACTION, ConfigValues::fraction, "Share of each shard's chunk cache that SSTable index spans may take; they have priority over data chunks up to it, so point reads of data larger than the cache cost one disk read");
    public static final ConfigKey<Integer> MEMTABLE_FLUSH_STATIC_SHARES = key("memtable_flush_static_shares", Integer.class, 0, ConfigValues::staticShares, "Fixed CPU and disk shares of memtable flushes on every shard; 0: each shard's flush controller sets them from its memtable dirtiness");
    public static final ConfigKey<Integer> COMPACTION_STATIC_SHARES = key("compaction_static_shares", Integer.class, 0, ConfigValues::staticShares, "Fixed CPU and disk shares of compactions on every shard; 0: each shard's compaction controller sets them from its compaction backlog");
    public static final ConfigKey<Long> COMPACTION_THROUGHPUT = key("compaction_throughput", Long.class, 0L, ConfigValues::mebibytesPerSecond, "Rate compactions may write at on the whole node, each shard an equal share (e.g. 64MiB/s; a plain number is MiB/s; Cassandra's older name: compaction_throughput_mb_per_sec); 0: unthrottled, the IO scheduler's compaction shares decide, as in ScyllaDB. Settable at runtime: charybdis admin setcompactionthroughput");
    public static final ConfigKey<String> IO_PROPERTIES_FILE = key("io_properties_file", String.class, "", ConfigValues::directory, "Disk capacity (read/write IOPS and bandwidth) in ScyllaDB's io-properties.yaml format; empty: unlimited");
    public static final ConfigKey<String> AUTHENTICATOR = key("authenticator", String.class, "AllowAllAuthenticator",
            ConfigValues.oneOf("AllowAllAuthenticator", "PasswordAuthenticator"), "AllowAllAuthenticator or PasswordAuthenticator");
    public static final ConfigKey<String> AUTHORIZER = key("authorizer", String.class, "AllowAllAuthorizer",
            ConfigValues.oneOf("AllowAllAuthorizer", "CassandraAuthorizer"), "AllowAllAuthorizer (every role may do everything) or CassandraAuthorizer (GRANTs are enforced; needs PasswordAuthenticator)");
    public static final ConfigKey<Integer> ROLES_VALIDITY_IN_MS = key("roles_validity_in_ms", Integer.class, 2000, ConfigValues::nonNegativeMillis, "How long each shard caches the roles granted to a role (0: no cache); GRANT, REVOKE and role changes clear it at once");
    public static final ConfigKey<Integer> PERMISSIONS_VALIDITY_IN_MS = key("permissions_validity_in_ms", Integer.class, 2000, ConfigValues::nonNegativeMillis, "How long each shard caches a role's permissions (0: no cache); GRANT, REVOKE and role changes clear it at once");
    public static final ConfigKey<Integer> PROMETHEUS_PORT = key("prometheus_port", Integer.class, 9180, ConfigValues::portOrDisabled, "Prometheus metrics port (-1 disables)");
    public static final ConfigKey<String> PROMETHEUS_ADDRESS = key("prometheus_address", String.class, "127.0.0.1", ConfigValues::address, "Prometheus metrics address");
    public static final ConfigKey<Integer> API_PORT = key("api_port", Integer.class, 10000, ConfigValues::portOrDisabled, "REST admin API port (-1 disables)");
    public static final ConfigKey<String> API_ADDRESS = key("api_address", String.class, "127.0.0.1", ConfigValues::address, "REST admin API address");
    public static final ConfigKey<String> API_AUTHENTICATION = key("api_authentication", String.class, "none", ConfigValues.oneOf("none", "password"), "none, or password: every admin API request needs a superuser's credentials (HTTP basic; requires PasswordAuthenticator)");
    public static final ConfigKey<Double> TRACE_PROBABILITY = key("trace_probability", Double.class, 0.0, ConfigValues::probability, "Share of requests traced without the client asking (0 to 1), their sessions written to system_traces like those of TRACING ON; settable at runtime: charybdis admin settraceprobability");
    // ScyllaDB's slow query log (system_traces.node_slow_log), off by default as in ScyllaDB; the threshold is Cassandra's key
    public static final ConfigKey<Boolean> USER_DEFINED_FUNCTIONS_ENABLED = key("user_defined_functions_enabled", Boolean.class, false, ConfigValues::bool, "Allow CREATE FUNCTION and CREATE AGGREGATE (Java bodies, compiled once and checked against an allow-list of classes), as Cassandra's; off by default");
    public static final ConfigKey<Integer> USER_DEFINED_FUNCTIONS_FAIL_TIMEOUT_IN_MS = key("user_defined_functions_fail_timeout_in_ms", Integer.class, 1500, ConfigValues::positiveMillis, "How long one call of a user-defined function may run on its shard before the query fails (Cassandra's user_defined_functions_fail_timeout)");
    public static final ConfigKey<Integer> USER_DEFINED_FUNCTIONS_FAIL_ALLOCATION_IN_KB = key("user_defined_functions_fail_allocation_in_kb", Integer.class, 102400, ConfigValues::nonNegative, "How many KiB one call of a user-defined function may allocate before the query fails (0: no limit; Charybdis only, checked where the time limit is)");
    public static final ConfigKey<Boolean> SLOW_QUERY_LOG_ENABLED = key("slow_query_log_enabled", Boolean.class, false, ConfigValues::bool, "Record requests slower than slow_query_log_timeout_in_ms in system_traces.node_slow_log, with a session in system_traces.sessions (rows kept a day), as ScyllaDB's slow query log; settable at runtime: POST /storage_service/slow_query?enable=true");
    public static final ConfigKey<Integer> SLOW_QUERY_LOG_TIMEOUT_IN_MS = key("slow_query_log_timeout_in_ms", Integer.class, 500, ConfigValues::nonNegativeMillis, "How long a request may take, from its arrival to its response, before the slow query log records it (Cassandra's slow_query_log_timeout: 500ms); settable at runtime in microseconds: POST /storage_service/slow_query?threshold=US");
    // audit log, as ScyllaDB's scylla.yaml
    public static final ConfigKey<String> AUDIT = key("audit", String.class, "none", ConfigValues.oneOf("none", "table", "syslog", "log"), "Audit log destination: none, table (audit.audit_log), syslog or log (the org.charybdis.audit logger)");
    public static final ConfigKey<String> AUDIT_CATEGORIES = key("audit_categories", String.class, "DCL,DDL,AUTH,ADMIN", ConfigValues.namesOf("AUTH", "DML", "DDL", "DCL", "QUERY", "ADMIN"), "Comma-separated categories audited: AUTH, DML, DDL, DCL, QUERY, ADMIN");
    public static final ConfigKey<String> AUDIT_KEYSPACES = key("audit_keyspaces", String.class, "", ConfigValues::list, "Comma-separated keyspaces whose DDL, DML and QUERY statements are audited");
    public static final ConfigKey<String> AUDIT_TABLES = key("audit_tables", String.class, "", ConfigValues::list, "Comma-separated tables (keyspace.table) whose DDL, DML and QUERY statements are audited");
    public static final ConfigKey<Integer> AUDIT_QUEUE_SIZE = key("audit_queue_size", Integer.class, 8192, ConfigValues::positive, "Audit events each shard holds for the background writer; past it events are dropped and counted, never waited for");
    public static final EncryptionOptions.Keys API_ENCRYPTION_OPTIONS = new EncryptionOptions.Keys("api_encryption_options", "the REST admin API");
    public static final ConfigKey<Integer> ENCRYPTION_RELOAD_INTERVAL_IN_MS = key("encryption_reload_interval_in_ms", Integer.class, 5000, ConfigValues::nonNegativeMillis, "How often certificate, key, keystore and truststore files are checked for changes and reloaded (0: never)");
    public static final ConfigKey<Integer> REACTOR_STALL_THRESHOLD_MS = key("reactor_stall_threshold_ms", Integer.class, 25, ConfigValues::positiveMillis, "Tasks running longer than this are logged as reactor stalls");
    public static final ConfigKey<String> IO_TRANSPORT = key("io_transport", String.class, "auto", ConfigValues.oneOf("auto", "io_uring", "epoll", "nio"), "Network IO transport");
    // overload: per shard, requests beyond these wait with their connection paused, and are shed past their timeout
    public static final ConfigKey<Integer> MAX_CONCURRENT_REQUESTS_PER_SHARD = key("max_concurrent_requests_per_shard", Integer.class, 4096, ConfigValues::positive, "Requests a shard runs at once; more wait (their connections stop being read)");
    public static final ConfigKey<Long> NATIVE_TRANSPORT_MAX_REQUEST_DATA_IN_FLIGHT = key("native_transport_max_request_data_in_flight", Long.class, 0L, ConfigValues::sizeOrZero, "Bytes of requests the node runs at once, shared by the shards (0: a twentieth of `memory` after the JVM's share; they live on the heap); more wait");
    // request timeouts (Cassandra's defaults); a service level's timeout or USING TIMEOUT overrides them
    public static final ConfigKey<Integer> READ_REQUEST_TIMEOUT_IN_MS = key("read_request_timeout_in_ms", Integer.class, 5000, ConfigValues::nonNegativeMillis, "How long a single-partition read may take");
    public static final ConfigKey<Integer> RANGE_REQUEST_TIMEOUT_IN_MS = key("range_request_timeout_in_ms", Integer.class, 10000, ConfigValues::nonNegativeMillis, "How long a page of a range scan (or an index query) may take");
    public static final ConfigKey<Integer> WRITE_REQUEST_TIMEOUT_IN_MS = key("write_request_timeout_in_ms", Integer.class, 2000, ConfigValues::nonNegativeMillis, "How long a write may take");
    public static final ConfigKey<Integer> COUNTER_WRITE_REQUEST_TIMEOUT_IN_MS = key("counter_write_request_timeout_in_ms", Integer.class, 5000, ConfigValues::nonNegativeMillis, "How long a counter write may take");
    public static final ConfigKey<Integer> CAS_CONTENTION_TIMEOUT_IN_MS = key("cas_contention_timeout_in_ms", Integer.class, 1000, ConfigValues::nonNegativeMillis, "How long a lightweight transaction may wait for its partition");
    public static final ConfigKey<Long> MAX_MEMORY_FOR_UNLIMITED_QUERY_SOFT_LIMIT = key("max_memory_for_unlimited_query_soft_limit", Long.class, 1L << 20, ConfigValues::size, "Result bytes of an unpaged query past which a warning is logged");
    public static final ConfigKey<Long> MAX_MEMORY_FOR_UNLIMITED_QUERY_HARD_LIMIT = key("max_memory_for_unlimited_query_hard_limit", Long.class, 100L << 20, ConfigValues::size, "Result bytes of an unpaged query past which it fails with InvalidRequest");
    public static final ConfigKey<Integer> BATCH_SIZE_WARN_THRESHOLD_IN_KB = key("batch_size_warn_threshold_in_kb", Integer.class, 5, ConfigValues::kibibytes, "Size of a batch over more than one partition (Cassandra's reckoning of its data) past which the client is warned");
    public static final ConfigKey<Integer> TRUNCATE_REQUEST_TIMEOUT_IN_MS = key("truncate_request_timeout_in_ms", Integer.class, 60000, ConfigValues::nonNegativeMillis, "How long a TRUNCATE may take");

    private static List<ConfigKey<?>> keys;

    private final Map<ConfigKey<?>, Object> values;
    private final List<String> notices;

    ServerConfig(Map<ConfigKey<?>, Object> values, List<String> notices) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.notices = List.copyOf(notices);
    }

    /** What reading the configuration found worth a log line at start-up: keys accepted that change nothing. */
    public List<String> notices() {
        List<String> all = new java.util.ArrayList<>(notices);
        if (!get(SEEDS).isEmpty()) all.add("Ignoring seeds " + get(SEEDS) + ": a single node has no other node to contact");
        return all;
    }

    /** All keys, in declaration order. */
    public static List<ConfigKey<?>> keys() {
        return keys;
    }

    public static ServerConfig defaults() {
        return new ServerConfig(Map.of(), List.of());
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        Object value = values.get(key);
        return value == null ? key.defaultValue() : (T) value;
    }

    /** A copy with one key changed (tests use it to pick ports and directories). */
    public <T> ServerConfig with(ConfigKey<T> key, T value) {
        Map<ConfigKey<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new ServerConfig(copy, notices);
    }

    public Path workdir() {
        return Path.of(get(WORKDIR)).toAbsolutePath().normalize();
    }

    /** The SSTable directory: data_file_directories, or workdir/data. */
    public Path dataDirectory() {
        String configured = get(DATA_FILE_DIRECTORIES);
        return (configured.isEmpty() ? workdir().resolve("data") : Path.of(configured)).toAbsolutePath().normalize();
    }

    /** disk_failure_policy, parsed. */
    public DiskFailurePolicy diskFailurePolicy() {
        return DiskFailurePolicy.ofConfigName(get(DISK_FAILURE_POLICY));
    }

    /** compaction_throughput in bytes per second (0: unthrottled). */
    public long compactionThroughput() {
        return get(COMPACTION_THROUGHPUT);
    }

    /** The trigger jars' directory: triggers_dir, else Cassandra's cassandra.triggers_dir property, else ./conf/triggers. */
    public Path triggersDirectory() {
        String configured = get(TRIGGERS_DIR);
        if (configured.isEmpty()) configured = System.getProperty(TRIGGERS_DIR_PROPERTY, "");
        return Path.of(configured.isEmpty() ? "conf/triggers" : configured).toAbsolutePath().normalize();
    }

    /** Cassandra's system property naming the triggers directory. */
    public static final String TRIGGERS_DIR_PROPERTY = "cassandra.triggers_dir";

    /** The commitlog directory: commitlog_directory, or workdir/commitlog. */
    public Path commitLogDirectory() {
        String configured = get(COMMITLOG_DIRECTORY);
        return (configured.isEmpty() ? workdir().resolve("commitlog") : Path.of(configured)).toAbsolutePath().normalize();
    }

    /** The address this node gives as its own: broadcast_address, else listen_address. */
    public String broadcastAddress() {
        String broadcast = get(BROADCAST_ADDRESS);
        return broadcast.isEmpty() ? get(LISTEN_ADDRESS) : broadcast;
    }

    /** The address drivers are told to use: broadcast_rpc_address, else rpc_address unless it is a wildcard. */
    public String broadcastRpcAddress() {
        String broadcast = get(BROADCAST_RPC_ADDRESS);
        if (!broadcast.isEmpty()) return broadcast;
        String rpc = get(RPC_ADDRESS);
        return rpc.equals("0.0.0.0") || rpc.equals("::") ? broadcastAddress() : rpc;
    }

    public boolean passwordAuthentication() {
        return get(AUTHENTICATOR).equals("PasswordAuthenticator");
    }

    public boolean enforcedAuthorization() {
        return get(AUTHORIZER).equals("CassandraAuthorizer");
    }

    /** The values of an encryption section (client_encryption_options, api_encryption_options). */
    public EncryptionOptions encryption(EncryptionOptions.Keys section) {
        return section.read(this);
    }

    static <T> ConfigKey<T> key(String name, Class<T> type, T def, java.util.function.Function<Object, T> parser, String description) {
        ConfigKey<T> key = new ConfigKey<>(name, type, def, parser, description);
        if (keys == null) keys = new java.util.ArrayList<>();
        keys.add(key);
        return key;
    }

    /** Whether name is a section of nested keys ({@code section.key}), such as client_encryption_options. */
    static boolean isSection(String name) {
        for (ConfigKey<?> key : keys) {
            if (key.name().startsWith(name + ".")) return true;
        }
        return false;
    }

    /**
     * The key called {@code name}: its scylla.yaml name, or its Cassandra 4.1+ name, which drops the unit from the
     * name and puts it in the value ({@code read_request_timeout: 5000ms} for {@code read_request_timeout_in_ms}).
     */
    static ConfigKey<?> byName(String name) {
        for (ConfigKey<?> key : keys) {
            if (key.name().equals(name) || unitlessName(key.name()).equals(name)) return key;
        }
        ConfigKey<?> renamed = RENAMED.get(name);
        return renamed;
    }

    /** A key's Cassandra 4.1 name: the unit moves from the name into the value. */
    static String unitlessName(String name) {
        return name.replaceFirst("_in_(ms|mb|kb)$", "");
    }

    /** Cassandra's names of our keys beyond the unit rule. */
    private static final Map<String, ConfigKey<?>> RENAMED = Map.of(
            "native_transport_max_concurrent_requests_in_bytes", NATIVE_TRANSPORT_MAX_REQUEST_DATA_IN_FLIGHT,
            "compaction_throughput_mb_per_sec", COMPACTION_THROUGHPUT);
}
