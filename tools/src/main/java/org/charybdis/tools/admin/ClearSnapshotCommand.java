package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code clearsnapshot -t tag | --all [keyspace...]}: removes snapshots, like nodetool's (which asks for one of the two). */
@Command(name = "clearsnapshot", description = "Remove the snapshot named by -t, or all of them with --all, of keyspaces (default: all), like nodetool clearsnapshot.")
final class ClearSnapshotCommand extends AdminCommand.Route {
    @Option(names = {"-t", "--tag"}, paramLabel = "<tag>", description = "The snapshot to remove")
    String tag;

    @Option(names = "--all", description = "Remove every snapshot")
    boolean all;

    @Parameters(arity = "0..*", paramLabel = "<keyspace>", description = "Keyspaces whose snapshots to remove (default: all)")
    List<String> keyspaces = List.of();

    /** ScyllaDB's route: DELETE with tag and kn, no tag removing all (server side: the backups work). */
    @Override
    String path() { return "/storage_service/snapshots"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        if ((tag == null) == !all) throw new IOException("Specify a snapshot name with -t or remove them all with --all (not both)");
        return client.delete(new QueryString(path()).add("tag", tag)
                .add("kn", keyspaces.isEmpty() ? null : String.join(",", keyspaces)).toString());
    }

    @Override
    void print(JsonNode answer, PrintStream out) {
        String scope = keyspaces.isEmpty() ? "all keyspaces" : String.join(", ", keyspaces);
        out.println("Requested clearing snapshot(s) for [" + scope + "] with " + (all ? "[all snapshots]" : "snapshot name [" + tag + "]"));
    }
}
