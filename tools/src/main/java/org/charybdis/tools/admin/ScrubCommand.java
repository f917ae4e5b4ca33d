package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;

/** {@code charybdis admin scrub [--mode skip|abort|validate] [keyspace [table...]]}: like nodetool scrub. */
@Command(name = "scrub", description = "Rewrite SSTables with what can be read and quarantine corrupt ones, like nodetool scrub.")
final class ScrubCommand extends TableOperation {
    @Option(names = "--mode", defaultValue = "skip", paramLabel = "<mode>",
            description = "skip (default): rewrite each SSTable without its corrupt partitions and quarantine the damaged original;"
                    + " abort: stop at the first corrupt partition; validate: only read, quarantining corrupt SSTables")
    String mode;

    @Override
    String path() { return "/storage/scrub"; }

    @Override
    QueryString query() {
        return super.query().add("mode", mode);
    }

    @Override
    void print(JsonNode answer, PrintStream out) {
        out.printf("Scrubbed %d SSTables (%s): %d partitions intact, %d corrupt, %d SSTables quarantined%n",
                answer.path("sstables").asLong(), answer.path("mode").asText(), answer.path("partitions_kept").asLong(),
                answer.path("partitions_corrupt").asLong(), answer.path("quarantined").asLong());
    }
}
