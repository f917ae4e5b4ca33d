package org.charybdis.tools.stress;

/** A run that cannot go on: the server cannot be reached, a role cannot log in, a statement does not prepare. */
final class StressFailure extends RuntimeException {
    StressFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
