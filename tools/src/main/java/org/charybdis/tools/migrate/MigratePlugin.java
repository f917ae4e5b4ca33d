package org.charybdis.tools.migrate;

import org.charybdis.server.cli.CommandPlugin;

/** Registers {@code charybdis migrate} with the main command. */
public final class MigratePlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new MigrateCommand();
    }
}
