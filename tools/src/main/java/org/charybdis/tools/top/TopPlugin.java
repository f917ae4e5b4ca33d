package org.charybdis.tools.top;

import org.charybdis.server.cli.CommandPlugin;

/** Registers {@code charybdis top} with the main command. */
public final class TopPlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new TopCommand();
    }
}
