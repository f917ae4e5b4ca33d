package org.charybdis.tools.migrate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a pass's {@link Progress} on stderr while it runs: on a terminal a bar redrawn in place twice a second, else
 * (a log, CI) a plain line every five seconds. Closing it prints the final line.
 */
final class ProgressReporter implements AutoCloseable {
    private static final int BAR_WIDTH = 30;
    /** ANSI: what a longer earlier redraw left on the line goes. */
    private static final String ERASE_TO_END_OF_LINE = "\u001b[K";
    private final Progress progress;
    private final PrintWriter err;
    private final boolean terminal;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "migrate-progress");
        thread.setDaemon(true);
        return thread;
    });

    ProgressReporter(Progress progress, PrintWriter err, boolean terminal) {
        this.progress = progress;
        this.err = err;
        this.terminal = terminal;
        long periodMillis = terminal ? 500 : 5000;
        timer.scheduleAtFixedRate(this::print, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Whether stderr is likely a terminal (the JDK tells only for the console as a whole). */
    static boolean onTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (terminal) err.print("\r" + bar() + " " + line() + ERASE_TO_END_OF_LINE + "\n");
            else err.println(line());
            err.flush();
        }
    }

    private synchronized void print() {
        if (terminal) err.print("\r" + bar() + " " + line() + ERASE_TO_END_OF_LINE);
        else err.println(line());
        err.flush();
    }

    private String bar() {
        int filled = progress.totalRanges() == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * progress.ranges() / progress.totalRanges());
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    String line() {
        double seconds = progress.seconds();
        return String.format(Locale.ROOT, "%s: %d/%d ranges, %d rows, %.0f rows/s, %.0f s", progress.pass(), progress.ranges(),
                progress.totalRanges(), progress.rows(), progress.rows() / Math.max(seconds, 1e-3), seconds);
    }
}
