package org.charybdis.server;

/** The server could not start; the message says why, in words an operator can act on. */
public final class StartupFailedException extends RuntimeException {
    public StartupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
