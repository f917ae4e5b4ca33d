package org.charybdis.tools.stress;

import org.charybdis.tools.testing.CharybdisCli;

import java.util.ArrayList;
import java.util.List;

/** Runs {@code charybdis stress ...} through the real command line and keeps what it printed. */
final class StressCli {
    private StressCli() {}

    static CharybdisCli.Outcome run(List<String> args) {
        List<String> full = new ArrayList<>(List.of("stress"));
        full.addAll(args);
        return CharybdisCli.run(full);
    }

    static CharybdisCli.Outcome run(String... args) {
        return run(List.of(args));
    }
}
