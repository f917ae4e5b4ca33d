package org.charybdis.tools.migrate;

import org.charybdis.tools.cql.Credentials;
import org.charybdis.tools.cql.HostAndPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code charybdis migrate}: copies keyspaces (schema and data) from a Charybdis node to any CQL cluster (ScyllaDB,
 * Cassandra) and verifies the copy. docs/migrate.md tells the whole story. Exit codes: 0 done (and equal), 1 the
 * migration failed or the verification found differences, 2 bad options.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy keyspaces (schema and data) to a ScyllaDB or Cassandra cluster.",
                "Rows go token range by token range, keeping write times and TTLs; then both",
                "sides are compared range by range. See docs/migrate.md.",
                "",
                "  bin/charybdis migrate --source 127.0.0.1:9042 --target 10.0.0.5:9042 \\",
                "      --keyspaces shop --checkpoint shop.checkpoint --rate 20000",
                ""},
        footer = {"", "Exit codes: 0 copied (and verified equal), 1 the migration failed or the",
                "verification found differences (each named with its table and token range),",
                "2 bad options."})
public final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "<host:port>", converter = HostAndPort.Converter.class,
            description = "The node to copy from")
    HostAndPort source;

    @Option(names = "--target", required = true, paramLabel = "<host:port>", converter = HostAndPort.Converter.class,
            description = "A node of the cluster to copy to")
    HostAndPort target;

    @Option(names = "--source-user", paramLabel = "<role>", description = "Role to log in to the source as")
    String sourceUser;

    @Option(names = "--source-password", paramLabel = "<password>", description = "Password of --source-user")
    String sourcePassword;

    @Option(names = "--target-user", paramLabel = "<role>", description = "Role to log in to the target as")
    String targetUser;

    @Option(names = "--target-password", paramLabel = "<password>", description = "Password of --target-user")
    String targetPassword;

    @Option(names = "--source-dc", paramLabel = "<name>", description = "The source's datacenter (default: the --source node's)")
    String sourceDatacenter;

    @Option(names = "--target-dc", paramLabel = "<name>", description = "The target's datacenter to talk to (default: the --target node's)")
    String targetDatacenter;

    @Option(names = "--keyspaces", split = ",", paramLabel = "<ks>", description = "Keyspaces to copy (default: all but the system keyspaces)")
    List<String> keyspaces = new ArrayList<>();

    @Option(names = "--tables", split = ",", paramLabel = "<ks.table>", description = "Tables to copy, instead of whole keyspaces")
    List<String> tables = new ArrayList<>();

    @Option(names = "--replication", paramLabel = "<map>",
            description = "Replication of the keyspaces created on the target, e.g. \"{'class': 'NetworkTopologyStrategy', 'dc1': 3}\" (default: the source's)")
    String replication;

    @Option(names = "--rate", paramLabel = "<rows/s>", defaultValue = "0", description = "Copy at most this many rows a second (default: no limit)")
    double rate;

    @Option(names = "--page-size", paramLabel = "<rows>", defaultValue = "1000", description = "Rows per page read from either side (default: ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--splits", paramLabel = "<n>", defaultValue = "0", description = "Token ranges per table (default: four per shard of the source)")
    int splits;

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "4",
            description = "Ranges copied or verified at once, each with up to " + DataCopy.WRITES_IN_FLIGHT_PER_RANGE + " writes in flight (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--checkpoint", paramLabel = "<file>",
            description = "Record finished ranges here; a run given the same file copies only what is not recorded")
    Path checkpoint;

    @Option(names = "--verify-only", description = "Only compare the source and the target, copy nothing")
    boolean verifyOnly;

    @Option(names = "--no-verify", description = "Copy without comparing afterwards")
    boolean noVerify;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MigrateSettings settings;
        try {
            settings = new MigrateSettings(
                    new MigrateSettings.Endpoint("source", source, sourceDatacenter, credentials("--source", sourceUser, sourcePassword)),
                    new MigrateSettings.Endpoint("target", target, targetDatacenter, credentials("--target", targetUser, targetPassword)),
                    keyspaces, tables, replication, rate, pageSize, splits, checkpoint, !verifyOnly, !noVerify, concurrency);
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage(), 2);
        }
        try {
            return new Migration(settings, out, err, ProgressReporter.onTerminal()).run() ? 0 : 1;
        } catch (MigrationFailure e) {
            return fail(err, e.getMessage(), e.exitCode());
        }
    }

    private static Credentials credentials(String side, String user, String password) {
        if (user == null && password == null) return Credentials.NONE;
        if (user == null || password == null) throw new IllegalArgumentException(side + "-user and " + side + "-password go together");
        return new Credentials(user, password);
    }

    private static int fail(PrintWriter err, String message, int code) {
        err.println("charybdis migrate: " + message);
        err.flush();
        return code;
    }
}
