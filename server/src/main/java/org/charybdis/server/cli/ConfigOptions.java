package org.charybdis.server.cli;

import org.charybdis.server.config.ConfigKey;
import org.charybdis.server.config.ConfigLoader;
import org.charybdis.server.config.ServerConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's configuration on a command line: {@code --config=<file>} and one {@code --key-name=value} option
 * per configuration key, read in one way by every command that needs it (the server, {@code jvm-options}).
 * A picocli mixin; the key options are added to the command with {@link #addKeyOptions}.
 */
public final class ConfigOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-c", "--config"}, paramLabel = "<file>",
            description = "YAML configuration file (default: $CHARYBDIS_HOME/conf/charybdis.yaml, else conf/charybdis.yaml)")
    Path config;

    /** Adds one option per configuration key to the command. */
    static void addKeyOptions(CommandSpec spec) {
        for (ConfigKey<?> key : ServerConfig.keys()) {
            spec.addOption(OptionSpec.builder(key.optionName()).paramLabel("<value>").type(String.class)
                    // picocli formats descriptions: a literal % (as in "60% of memory") must be doubled
                    .description((key.description() + " (" + key.name() + ", $" + ConfigLoader.environmentVariable(key)
                            + ", default: " + key.defaultValue() + ")").replace("%", "%%")).build());
        }
    }

    /**
     * Defaults, then the YAML file, then CHARYBDIS_&lt;KEY&gt; environment variables, then the options given; throws
     * ConfigException naming a bad key or value.
     */
    ServerConfig load() {
        ConfigLoader loader = new ConfigLoader();
        Path file = config != null ? config : defaultConfigFile();
        if (file != null) loader.yaml(file);
        loader.environment(System.getenv());
        for (ConfigKey<?> key : ServerConfig.keys()) {
            OptionSpec option = command.findOption(key.optionName());
            if (option != null && option.getValue() != null) loader.set(key, option.getValue());
        }
        return loader.build();
    }

    private static Path defaultConfigFile() {
        String home = System.getenv("CHARYBDIS_HOME");
        Path candidate = home != null ? Path.of(home, "conf", "charybdis.yaml") : Path.of("conf", "charybdis.yaml");
        return Files.exists(candidate) ? candidate : null;
    }
}
