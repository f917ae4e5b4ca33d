package org.charybdis.tools.admin;

import picocli.CommandLine.Command;

/** {@code charybdis admin flush [keyspace [table...]]}: memtables written to disk on every shard. */
@Command(name = "flush", description = "Flush memtables to disk, like nodetool flush.")
final class FlushCommand extends TableOperation {
    @Override
    String path() { return "/storage/flush"; }
}
