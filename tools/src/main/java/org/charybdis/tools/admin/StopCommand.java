package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;

/** {@code stop COMPACTION}: stops the running compactions (their inputs stay); the node goes on, as nodetool's stop. */
@Command(name = "stop", description = "Stop the running operations of a type (COMPACTION, ...), like nodetool stop; the node keeps running.")
final class StopCommand extends AdminCommand.Route {
    @Parameters(index = "0", paramLabel = "<type>", description = "COMPACTION, VALIDATION, CLEANUP, SCRUB, UPGRADE_SSTABLES, INDEX_BUILD, ...")
    String type;

    @Override
    String path() { return "/compaction_manager/stop_compaction"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        return client.post(new QueryString(path()).add("type", type).toString());
    }

    @Override
    void print(JsonNode answer, PrintStream out) {}
}
