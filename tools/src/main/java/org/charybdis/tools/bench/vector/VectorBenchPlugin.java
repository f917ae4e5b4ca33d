package org.charybdis.tools.bench.vector;

import org.charybdis.server.cli.CommandPlugin;

/** Registers {@code charybdis vector-bench} with the main command. */
public final class VectorBenchPlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new VectorBenchCommand();
    }
}
