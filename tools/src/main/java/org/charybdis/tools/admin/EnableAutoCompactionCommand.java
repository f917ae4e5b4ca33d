package org.charybdis.tools.admin;

import picocli.CommandLine.Command;

/** {@code charybdis admin enableautocompaction [keyspace [table...]]}: background compactions back on. */
@Command(name = "enableautocompaction", description = "Turn background compaction back on, like nodetool enableautocompaction.")
final class EnableAutoCompactionCommand extends TableOperation {
    @Override
    String path() { return "/storage/autocompaction"; }
}
