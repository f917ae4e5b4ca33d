package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.DriverException;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Runs an unload or load and turns its outcome into an exit code and a line on stderr (stdout may be the data):
 * 0 with the summary, 2 for bad options ({@link IllegalArgumentException}), 1 for anything that failed on the way.
 */
final class BulkRun {
    /** The work; returns the summary line. */
    interface Work {
        String run() throws IOException, InterruptedException;
    }

    /** Data that cannot be read or written, with where it is; the command exits with 1. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private final String command;
    private final PrintWriter err;

    BulkRun(String command, PrintWriter err) {
        this.command = command;
        this.err = err;
    }

    int execute(Work work) {
        try {
            err.println(work.run());
            return 0;
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage(), 2);
        } catch (Failure | DriverException e) {
            return fail(e.getMessage(), 1);
        } catch (IOException e) {
            return fail(e.toString(), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", 1);
        } finally {
            err.flush();
        }
    }

    private int fail(String message, int code) {
        err.println("charybdis " + command + ": " + message);
        return code;
    }
}
