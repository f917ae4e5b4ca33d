package org.charybdis.server.cli;

import org.charybdis.server.CharybdisServer;
import org.charybdis.server.StartupFailedException;
import org.charybdis.server.config.ConfigException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.storage.commitlog.CommitLogDamagedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    ConfigOptions configOptions;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree, with one option per configuration key and the plugins' subcommands. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new CharybdisCommand());
        ConfigOptions.addKeyOptions(line.getCommandSpec());
        line.addSubcommand(JvmOptionsCommand.commandLine());
        line.addSubcommand(new ConfigReferenceCommand());
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
        return configOptions.load();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Charybdis " + CharybdisServer.VERSION + " (CQL " + CharybdisServer.CQL_VERSION
                    + ", Cassandra " + CharybdisServer.RELEASE_VERSION + " compatible)"};
        }
    }
}
