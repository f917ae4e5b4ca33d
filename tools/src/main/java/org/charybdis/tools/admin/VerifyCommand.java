package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/**
 * {@code charybdis admin verify [keyspace [table...]]}: checks every checksum of the SSTables, like nodetool verify;
 * corrupt SSTables are quarantined (as scrub does) and named, and the command then exits with 1.
 */
@Command(name = "verify", description = "Check the checksums of every SSTable and quarantine corrupt ones, like nodetool verify. Exits with 1 when corruption is found.")
final class VerifyCommand extends TableOperation {
    @Override
    String path() { return "/storage/verify"; }

    @Override
    void print(JsonNode answer, PrintStream out) {
        JsonNode corrupt = answer.path("corrupt");
        for (JsonNode finding : corrupt) {
            out.println("Corrupt SSTable " + finding.path("file").asText() + " (quarantined): " + finding.path("problem").asText());
        }
        long sstables = answer.path("sstables").asLong();
        out.println(corrupt.isEmpty() ? "Verified " + sstables + " SSTables: every checksum matches"
                : "Verified " + sstables + " SSTables: " + corrupt.size() + " corrupt, moved to quarantine (scrub or restore them)");
    }

    @Override
    int exitCode(JsonNode answer) {
        return answer.path("corrupt").isEmpty() ? 0 : 1;
    }
}
