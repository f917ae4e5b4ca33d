package org.charybdis.tools.stress;

import org.charybdis.server.cli.CommandPlugin;

/** Registers {@code charybdis stress} with the main command. */
public final class StressPlugin implements CommandPlugin {
    @Override
    public Object command() {
        return StressCommand.commandLine();
    }
}
