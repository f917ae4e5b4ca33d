package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.charybdis.storage.units.ByteSize;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code listsnapshots}: every snapshot's tables with their true size (not shared with live SSTables) and size on disk. */
@Command(name = "listsnapshots", description = "List the snapshots with their sizes, like nodetool listsnapshots.")
final class ListSnapshotsCommand extends AdminCommand.Route {
    /** ScyllaDB's route and shape: [{"key": tag, "value": [{"ks", "cf", "total", "live"}]}] (server side: the backups work). */
    @Override
    String path() { return "/storage_service/snapshots"; }

    @Override
    void print(JsonNode snapshots, PrintStream out) {
        out.println("Snapshot Details: ");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Snapshot name", "Keyspace name", "Column family name", "True size", "Size on disk"));
        long trueSize = 0;
        for (JsonNode snapshot : snapshots) {
            for (JsonNode table : snapshot.path("value")) {
                trueSize += table.path("live").asLong();
                rows.add(List.of(snapshot.path("key").asText(), table.path("ks").asText(), table.path("cf").asText(),
                        ByteSize.formatTwoDecimals(table.path("live").asLong(), "bytes"), ByteSize.formatTwoDecimals(table.path("total").asLong(), "bytes")));
            }
        }
        if (rows.size() == 1) {
            out.println("There are no snapshots");
            return;
        }
        AlignedColumns.print(rows, 1, out);
        out.println();
        out.println("Total TrueDiskSpaceUsed: " + ByteSize.formatTwoDecimals(trueSize, "bytes"));
        out.println();
    }
}
