package org.charybdis.tools.bench;

import org.charybdis.server.cli.CommandPlugin;

/** Registers {@code charybdis storage-bench} with the main command. */
public final class StorageBenchPlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new StorageBenchCommand();
    }
}
