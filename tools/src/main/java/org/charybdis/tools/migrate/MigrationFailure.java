package org.charybdis.tools.migrate;

/** A migration that cannot go on, with a message saying why and what to do; the command exits with 1. */
final class MigrationFailure extends RuntimeException {
    MigrationFailure(String message) {
        super(message);
    }

    MigrationFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
