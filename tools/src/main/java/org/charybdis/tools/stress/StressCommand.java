package org.charybdis.tools.stress;

import org.charybdis.storage.engine.StorageParams;
import org.charybdis.tools.bench.ByteAmount;
import org.charybdis.tools.cql.Credentials;
import org.charybdis.tools.cql.SessionFactory;
import org.charybdis.tools.proc.ProcFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code charybdis stress}: a cassandra-stress / scylla-bench-like load generator on ScyllaDB's shard-aware fork of the Java driver 4.x.
 * Exit codes: 0 done, 1 the run failed or was aborted, 2 bad options.
 */
@Command(name = "stress", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load a CQL server with workloads (write, read, mixed, scan) running side by",
                "side, each with its own load model and role; report throughput and latency.",
                "",
                "  bin/charybdis stress --populate 100000 --duration 30s \\",
                "      --workload op=read,concurrency=32",
                "  bin/charybdis stress --duration 30s --user cassandra --password cassandra \\",
                "      --workload name=oltp,op=read,rate=3000/s,user=oltp,password=p \\",
                "      --workload name=olap,op=scan,concurrency=4,user=olap,password=p",
                ""})
public final class StressCommand implements Callable<Integer> {
    static final long DEFAULT_KEYS = 1_000_000;
    private static final String EXIT_CODES = "Exit codes: 0 done, 1 the run failed or was aborted (a workload's first%n"
            + "requests all failed), 2 bad options.";

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workload"}, paramLabel = "<key=value,...>",
            description = "A workload to run (repeatable: they run side by side), e.g. name=oltp,op=read,rate=3000/s; keys below")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "<duration>", defaultValue = "30s",
            description = "How long each workload runs unless it says otherwise, e.g. 10s, 5m (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--warmup", paramLabel = "<duration>",
            description = "Run the workloads this long first, unmeasured, so the server's JIT and caches settle (default: none)")
    String warmup;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "9042", description = "CQL port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--dc", paramLabel = "<name>", defaultValue = "datacenter1", description = "Local datacenter (default: ${DEFAULT-VALUE})")
    String datacenter;

    @Option(names = {"-u", "--user"}, paramLabel = "<role>",
            description = "Role that creates the schema and populates, and the default of workloads without user=")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "<password>", description = "Password of --user")
    String password;

    @Option(names = "--protocol-version", paramLabel = "<n>", description = "Native protocol version 3, 4 or 5 (default: negotiated)")
    String protocolVersion;

    @Option(names = "--connections", paramLabel = "<n>", defaultValue = "1", description = "Connections per host and session (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "10s", description = "Client-side request timeout (default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--profile", paramLabel = "<file.yaml>", description = "User-defined schema and statements (default: cassandra-stress's keyspace1.standard1)")
    Path profile;

    @Option(names = "--column-size", paramLabel = "<size>", description = "standard1: bytes of each of the five columns (default: 200)")
    String columnSize;

    @Option(names = "--table", paramLabel = "<name>", description = "standard1: the table's name in keyspace1 (default: standard1)")
    String table;

    @Option(names = "--engine", paramLabel = "<engine>",
            description = "standard1: create the table WITH storage_engine = '<engine>' (charybdis or rocksdb; default: the server's);"
                    + " a table that exists keeps its engine")
    String engine;

    @Option(names = "--keys", paramLabel = "<n>", description = "Key indexes reads and writes choose from, 0 to n-1 (default: --populate, else 1000000)")
    Long keys;

    @Option(names = "--populate", paramLabel = "<n>", defaultValue = "0", description = "Rows to write (keys 0 to n-1) before the workloads start (default: none)")
    long populate;

    @Option(names = "--populate-concurrency", paramLabel = "<n>", defaultValue = "64", description = "Writes in flight while populating (default: ${DEFAULT-VALUE})")
    int populateConcurrency;

    @Option(names = "--json", paramLabel = "<file>", description = "Also write the final report as JSON to this file")
    Path json;

    @Option(names = "--server-pid", paramLabel = "<pid>", description = "Server process (on this machine) whose CPU time per op is reported")
    Long serverPid;

    @Option(names = "--prometheus-port", paramLabel = "<port>",
            description = "The server's Prometheus port (on --host): report how many of its partition operations hopped to another shard")
    Integer prometheusPort;

    /** The command with its help footer (the workload keys and the profile format), which annotations cannot hold. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new StressCommand());
        line.getCommandSpec().usageMessage().footer("", WorkloadSpec.KEYS_HELP, ProfileFile.FORMAT_HELP, EXIT_CODES);
        return line;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StressSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            err.println("charybdis stress: " + e.getMessage());
            err.flush();
            return 2;
        }
        StressReport report;
        try {
            report = new StressRun(settings, out, NanoClock.SYSTEM).run();
        } catch (StressFailure e) {
            err.println("charybdis stress: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.print(ReportText.format(report));
        out.flush();
        if (json != null) {
            try {
                ReportJson.write(report, json);
            } catch (IOException e) {
                err.println("charybdis stress: cannot write " + json + ": " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        if (report.abortedBecause() != null) {
            err.println("charybdis stress: aborted: " + report.abortedBecause());
            err.flush();
            return 1;
        }
        return 0;
    }

    /** The options, checked, with defaults filled in. */
    StressSettings settings() {
        if (workloads.isEmpty()) throw new IllegalArgumentException("give at least one --workload, e.g. --workload op=write");
        Credentials defaults = credentials();
        Duration defaultDuration = duration("--duration", duration);
        WorkloadSpec.Defaults workloadDefaults = new WorkloadSpec.Defaults(defaultDuration, defaults);
        List<WorkloadSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String text : workloads) {
            WorkloadSpec w;
            try {
                w = WorkloadSpec.parse(text, workloadDefaults);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--workload '" + text + "': " + e.getMessage());
            }
            if (!names.add(w.name())) throw new IllegalArgumentException("two workloads are named '" + w.name() + "': give each a name=");
            specs.add(w);
        }
        if (populate < 0) throw new IllegalArgumentException("--populate must not be negative: " + populate);
        long keyCount = keys != null ? keys : populate > 0 ? populate : DEFAULT_KEYS;
        if (keyCount < 1) throw new IllegalArgumentException("--keys must be positive: " + keyCount);
        positive("--populate-concurrency", populateConcurrency);
        positive("--connections", connections);
        if (port < 1 || port > 65535) throw new IllegalArgumentException("--port must be between 1 and 65535: " + port);
        if (serverPid != null && ProcFiles.cpuNanos(serverPid) < 0) {
            throw new IllegalArgumentException("--server-pid " + serverPid + ": no such process (cannot read /proc/" + serverPid + "/stat)");
        }
        SessionFactory sessions = new SessionFactory(host, port, datacenter, protocolVersion(), connections, duration("--timeout", timeout));
        if (prometheusPort != null && (prometheusPort < 1 || prometheusPort > 65535)) {
            throw new IllegalArgumentException("--prometheus-port must be between 1 and 65535: " + prometheusPort);
        }
        PrometheusEndpoint metrics = prometheusPort == null ? null : new PrometheusEndpoint(host, prometheusPort);
        Duration warmupTime = warmup == null ? Duration.ZERO : duration("--warmup", warmup);
        return new StressSettings(sessions, defaults, profile(), keyCount, populate, populateConcurrency, specs, warmupTime, serverPid, metrics);
    }

    private StressProfile profile() {
        if (profile == null) {
            return StressProfile.standard1(columnSize == null ? StressProfile.DEFAULT_COLUMN_SIZE : columnSize(),
                    table == null ? StressProfile.STANDARD1 : tableName(), engine == null ? null : engine());
        }
        if (columnSize != null) throw new IllegalArgumentException("--column-size is for the standard1 schema; a --profile gives its own sizes");
        if (table != null) throw new IllegalArgumentException("--table is for the standard1 schema; a --profile names its table");
        if (engine != null) {
            throw new IllegalArgumentException("--engine is for the standard1 schema; a --profile's table_definition can say"
                    + " WITH storage_engine = '...'");
        }
        return ProfileFile.load(profile);
    }

    private String tableName() {
        if (!table.matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("--table must be a table name (a letter, then letters, digits or _): " + table);
        }
        return table.toLowerCase(Locale.ROOT);
    }

    private StorageParams.Engine engine() {
        StorageParams.Engine e = StorageParams.Engine.fromOption(engine);
        if (e == null) throw new IllegalArgumentException("--engine must be charybdis or rocksdb: " + engine);
        return e;
    }

    private int columnSize() {
        long size;
        try {
            size = ByteAmount.parse(columnSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--column-size: " + e.getMessage());
        }
        if (size < 1 || size > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("--column-size must be between 1 and 1G: " + columnSize);
        return (int) size;
    }

    private Credentials credentials() {
        if (user == null && password != null) throw new IllegalArgumentException("--password needs --user");
        return user == null ? Credentials.NONE : new Credentials(user, password == null ? "" : password);
    }

    private String protocolVersion() {
        if (protocolVersion == null) return null;
        String digits = protocolVersion.toUpperCase(Locale.ROOT).replaceFirst("^V", "");
        return switch (digits) {
            case "3", "4", "5" -> "V" + digits;
            default -> throw new IllegalArgumentException("--protocol-version must be 3, 4 or 5: " + protocolVersion);
        };
    }

    private static Duration duration(String option, String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static void positive(String option, long value) {
        if (value < 1) throw new IllegalArgumentException(option + " must be positive: " + value);
    }
}
