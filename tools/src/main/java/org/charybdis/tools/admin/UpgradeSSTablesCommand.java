package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;

/** {@code charybdis admin upgradesstables [-a] [keyspace [table...]]}: rewrites SSTables of an older format version. */
@Command(name = "upgradesstables", description = "Rewrite SSTables that are not in the current format version, like nodetool upgradesstables.")
final class UpgradeSSTablesCommand extends TableOperation {
    @Option(names = {"-a", "--include-all-sstables"}, description = "Rewrite every SSTable, including those already in the current version")
    boolean all;

    @Override
    String path() { return "/storage/upgradesstables"; }

    @Override
    QueryString query() {
        return super.query().add("all", Boolean.toString(all));
    }

    @Override
    void print(JsonNode answer, PrintStream out) {
        long rewritten = answer.path("rewritten").asLong();
        if (rewritten == 0 && !all) {
            out.println("Every SSTable is in the current format version: nothing to rewrite (-a rewrites them all)");
        } else {
            out.println("Rewrote " + rewritten + " SSTables in the current format version");
        }
    }
}
