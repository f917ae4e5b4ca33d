package org.charybdis.tools.stress;

import org.charybdis.server.cli.CharybdisCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code charybdis stress ...} through the real command line and keeps what it printed. */
final class StressCli {
    record Outcome(int exitCode, String out, String err) {
        /** Both streams, to explain a failed assertion. */
        String all() {
            return out + err;
        }
    }

    private StressCli() {}

    static Outcome run(List<String> args) {
        List<String> full = new ArrayList<>(List.of("stress"));
        full.addAll(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = CharybdisCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(full.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }

    static Outcome run(String... args) {
        return run(List.of(args));
    }
}
