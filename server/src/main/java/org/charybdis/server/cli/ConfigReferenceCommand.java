package org.charybdis.server.cli;

import org.charybdis.server.config.ConfigReference;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code charybdis config-reference}: prints docs/configuration.md, every configuration key, as Markdown. */
@Command(name = "config-reference", description = "Print every configuration key (docs/configuration.md) as Markdown.")
final class ConfigReferenceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(ConfigReference.markdown());
        return 0;
    }
}
