package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code <operation> [keyspace [table...]]}: an operation on every table, a keyspace's tables or some of
 * them, answered once every shard is done. Silent on success, like nodetool.
 */
abstract class TableOperation extends AdminCommand.Route {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<keyspace>", description = "Keyspace (default: all keyspaces)")
    String keyspace;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "<table>", description = "Tables of the keyspace (default: all its tables)")
    List<String> tables = List.of();

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        return client.post(query().toString());
    }

    /** The route with the selected keyspace and tables; operations with options add theirs. */
    QueryString query() {
        return new QueryString(path()).add("keyspace", keyspace).addAll("table", tables);
    }

    @Override
    void print(JsonNode answer, PrintStream out) {}
}
