package org.charybdis.tools.testing;

import org.charybdis.server.cli.CharybdisCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the {@code charybdis} command line in-process, as a user would type it, and keeps what it printed. */
public final class CharybdisCli {
    public record Outcome(int exitCode, String out, String err) {
        /** Both streams, to explain a failed assertion. */
        public String all() {
            return out + err;
        }
    }

    private CharybdisCli() {}

    /** @param args the whole command line after {@code charybdis}, subcommand first */
    public static Outcome run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = CharybdisCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }

    public static Outcome run(String... args) {
        return run(List.of(args));
    }
}
