package org.charybdis.server.config;

/** A configuration error that stops start-up; its message names the offending key or file. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
