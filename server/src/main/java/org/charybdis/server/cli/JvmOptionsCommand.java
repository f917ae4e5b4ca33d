package org.charybdis.server.cli;

import org.charybdis.server.config.ConfigException;
import org.charybdis.server.config.MemoryBudget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code charybdis jvm-options [server options]}: prints on one line the JVM flags that size the server's process
 * from its configuration ({@link MemoryBudget}, {@link JvmMemoryFlags}). {@code bin/charybdis} and the Docker
 * entrypoint run it with the server's arguments before starting the server JVM, so both read {@code memory} from
 * the same file and options, with the same parser. Arguments that are not configuration options (such as
 * {@code --help}) are ignored here: the server answers them.
 */
@Command(name = "jvm-options", description = {
        "Print the JVM flags (heap, direct memory, metaspace, code cache) the server's configuration asks for.",
        "Flags also set in $CHARYBDIS_JVM_OPTS are left out: the user's win."})
public final class JvmOptionsCommand implements Callable<Integer> {
    /** The environment variable bin/charybdis and the Docker entrypoint add to the JVM's command line. */
    static final String USER_FLAGS_VARIABLE = "CHARYBDIS_JVM_OPTS";

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Unmatched
    List<String> otherArguments;

    /** The launchers' entry point: it builds this command alone, without the tools' subcommands, to start quickly. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** This command alone, with one option per configuration key (as the server has them). */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new JvmOptionsCommand());
        ConfigOptions.addKeyOptions(line.getCommandSpec());
        return line;
    }

    @Override
    public Integer call() {
        MemoryBudget budget;
        try {
            budget = MemoryBudget.of(configOptions.load());
        } catch (ConfigException e) {
            System.err.println("charybdis: configuration error: " + e.getMessage());
            return 2;
        }
        String user = System.getenv(USER_FLAGS_VARIABLE);
        List<String> userFlags = user == null || user.isBlank() ? List.of() : Arrays.asList(user.trim().split("\\s+"));
        spec.commandLine().getOut().println(String.join(" ", JvmMemoryFlags.of(budget, userFlags)));
        return 0;
    }
}
