package org.charybdis.tools.admin;

import org.charybdis.server.cli.CommandPlugin;

/** Registers {@code charybdis admin} with the main command. */
public final class AdminCommandPlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new AdminCommand();
    }
}
