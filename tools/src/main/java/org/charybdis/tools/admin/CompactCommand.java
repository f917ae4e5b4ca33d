package org.charybdis.tools.admin;

import picocli.CommandLine.Command;

/** {@code charybdis admin compact [keyspace [table...]]}: major compaction on every shard. */
@Command(name = "compact", description = "Force a major compaction, like nodetool compact.")
final class CompactCommand extends TableOperation {
    @Override
    String path() { return "/storage/compact"; }
}
