package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.IOException;

/**
 * {@code charybdis admin disableautocompaction [keyspace [table...]]}: no background compactions until enabled again or
 * the node restarts; flushes go on and SSTables pile up; {@code compact} still runs.
 */
@Command(name = "disableautocompaction", description = "Turn background compaction off until enabled again or restart, like nodetool disableautocompaction.")
final class DisableAutoCompactionCommand extends TableOperation {
    @Override
    String path() { return "/storage/autocompaction"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        return client.delete(query().toString());
    }
}
