package org.charybdis.tools.iotune;

import org.charybdis.server.cli.CommandPlugin;

/** Registers {@code charybdis iotune} with the main command. */
public final class IoTunePlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new IoTuneCommand();
    }
}
