package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;

/** {@code refresh <keyspace> <table>}: loads the SSTables placed in the table's upload directory, like nodetool refresh. */
@Command(name = "refresh", description = "Load the SSTables placed in a table's upload directory, like nodetool refresh.")
final class RefreshCommand extends AdminCommand.Route {
    @Parameters(index = "0", paramLabel = "<keyspace>")
    String keyspace;

    @Parameters(index = "1", paramLabel = "<table>")
    String table;

    /** ScyllaDB's route (server side: the backups work). */
    @Override
    String path() { return "/storage_service/sstables/"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        return client.post(new QueryString(path() + QueryString.segment(keyspace)).add("cf", table).toString());
    }

    @Override
    void print(JsonNode answer, PrintStream out) {}
}
