package org.charybdis.tools.bulk;

import org.charybdis.server.cli.CommandPlugin;

/** Registers {@code charybdis load} with the main command. */
public final class LoadPlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new LoadCommand();
    }
}
