package org.charybdis.server.cli;

import org.charybdis.server.CharybdisServer;
import org.charybdis.server.StartupFailedException;
import org.charybdis.server.config.ConfigException;
import org.charybdis.server.config.ConfigKey;
import org.charybdis.server.config.ConfigLoader;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.storage.commitlog.CommitLogDamagedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code charybdis} command. Without a subcommand it starts the server; every configuration key is
 * also an option ({@code --native-transport-port=9142}). Tools add subcommands ({@code admin}, ...).
 */
@Command(name = "charybdis", mixinStandardHelpOptions = true, versionProvider = CharybdisCommand.Version.class,
        description = "Charybdis: a CQL-compatible, shard-per-core database server.%nWithout a subcommand, starts the server.")
public final class CharybdisCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "<file>",
            description = "YAML configuration file (default: $CHARYBDIS_HOME/conf/charybdis.yaml, else conf/charybdis.yaml)")
    Path config;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree, with one option per configuration key and the plugins' subcommands. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new CharybdisCommand());
        CommandSpec spec = line.getCommandSpec();
        for (ConfigKey<?> key : ServerConfig.keys()) {
            spec.addOption(OptionSpec.builder(key.optionName()).paramLabel("<value>").type(String.class)
                    .description(key.description() + " (" + key.name() + ", default: " + key.defaultValue() + ")").build());
        }
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
            line.addSubcommand(plugin.command());
        }
        return line;
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig serverConfig;
        try {
            serverConfig = loadConfig();
        } catch (ConfigException e) {
            System.err.println("charybdis: configuration error: " + e.getMessage());
            return 2;
        }
        CharybdisServer server;
        try {
            server = CharybdisServer.start(serverConfig);
        } catch (ConfigException e) { // found at start-up: a TLS file missing or unreadable
            System.err.println("charybdis: configuration error: " + e.getMessage());
            return 2;
        } catch (StartupFailedException e) {
            System.err.println("charybdis: " + e.getMessage());
            if (!(e.getCause() instanceof CommitLogDamagedException)) e.getCause().printStackTrace(); // a bug: its trace helps
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "charybdis-shutdown"));
        stopped.await();
        return 0;
    }

    ServerConfig loadConfig() {
        ConfigLoader loader = new ConfigLoader();
        Path file = config != null ? config : defaultConfigFile();
        if (file != null) loader.yaml(file);
        for (ConfigKey<?> key : ServerConfig.keys()) {
            OptionSpec option = spec.findOption(key.optionName());
            if (option != null && option.getValue() != null) loader.set(key, option.getValue());
        }
        return loader.build();
    }

    private static Path defaultConfigFile() {
        String home = System.getenv("CHARYBDIS_HOME");
        Path candidate = home != null ? Path.of(home, "conf", "charybdis.yaml") : Path.of("conf", "charybdis.yaml");
        return Files.exists(candidate) ? candidate : null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Charybdis " + CharybdisServer.VERSION + " (CQL " + CharybdisServer.CQL_VERSION
                    + ", Cassandra " + CharybdisServer.RELEASE_VERSION + " compatible)"};
        }
    }
}
