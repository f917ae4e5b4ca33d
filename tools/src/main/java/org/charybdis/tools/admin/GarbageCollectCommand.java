package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/**
 * {@code charybdis admin garbagecollect [keyspace [table...]]}: each SSTable compacted alone, dropping deleted data and
 * the tombstones past gc_grace_seconds that nothing else needs, like nodetool garbagecollect.
 */
@Command(name = "garbagecollect", description = "Rewrite each SSTable without its deleted data and purgeable tombstones, like nodetool garbagecollect.")
final class GarbageCollectCommand extends TableOperation {
    @Override
    String path() { return "/storage/garbagecollect"; }

    @Override
    void print(JsonNode answer, PrintStream out) {
        out.println("Rewrote " + answer.path("rewritten").asLong() + " SSTables without the deleted data and tombstones they could drop");
    }
}
