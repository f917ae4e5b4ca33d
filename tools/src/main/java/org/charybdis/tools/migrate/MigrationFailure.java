package org.charybdis.tools.migrate;

/**
 * A migration that cannot go on, with a message saying why and what to do. The command exits with 1, or with 2 when
 * the options asked for something the servers do not have ({@link #badOption}).
 */
final class MigrationFailure extends RuntimeException {
    private final int exitCode;

    MigrationFailure(String message) {
        this(message, null, 1);
    }

    MigrationFailure(String message, Throwable cause) {
        this(message, cause, 1);
    }

    private MigrationFailure(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static MigrationFailure badOption(String message) {
        return new MigrationFailure(message, null, 2);
    }

    int exitCode() {
        return exitCode;
    }
}
