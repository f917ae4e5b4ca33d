package org.charybdis.tools.bulk;

import org.charybdis.server.cli.CommandPlugin;

/** Registers {@code charybdis unload} with the main command. */
public final class UnloadPlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new UnloadCommand();
    }
}
