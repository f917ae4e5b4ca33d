package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code snapshot [-t tag] [-cf table] [-sf] [keyspace...]}: hard links of the tables' files under a tag, like nodetool's. */
@Command(name = "snapshot", description = "Take a snapshot of keyspaces (default: all) or of one table, like nodetool snapshot.")
final class SnapshotCommand extends AdminCommand.Route {
    @Option(names = {"-t", "--tag"}, paramLabel = "<tag>", description = "Snapshot name (default: the current time in epoch milliseconds)")
    String tag;

    @Option(names = {"-cf", "--column-family", "--table"}, paramLabel = "<table>", description = "The table to snapshot (of the one keyspace named)")
    String table;

    @Option(names = {"-sf", "--skip-flush"}, description = "Do not flush the memtables first")
    boolean skipFlush;

    @Parameters(arity = "0..*", paramLabel = "<keyspace>", description = "Keyspaces to snapshot (default: all)")
    List<String> keyspaces = List.of();

    /** ScyllaDB's route (the server side belongs to the backups work). */
    @Override
    String path() { return "/storage_service/snapshots"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        if (table != null && keyspaces.size() != 1) throw new IOException("-cf/--table names a table of one keyspace: give exactly one keyspace");
        if (tag == null) tag = Long.toString(System.currentTimeMillis());
        return client.post(new QueryString(path()).add("tag", tag).add("kn", keyspaces.isEmpty() ? null : String.join(",", keyspaces))
                .add("cf", table).add("sf", Boolean.toString(skipFlush)).toString());
    }

    @Override
    void print(JsonNode answer, PrintStream out) {
        String scope = keyspaces.isEmpty() ? "all keyspaces" : String.join(", ", keyspaces);
        out.println("Requested creating snapshot(s) for [" + scope + "] with snapshot name [" + tag + "] and options {skipFlush=" + skipFlush + "}");
        out.println("Snapshot directory: " + tag);
    }
}
