package org.charybdis.cql.exceptions;

/** The statement is invalid because of a configuration issue. */
public class ConfigurationException extends CqlException {
    public ConfigurationException(String message) {
        super(ErrorCode.CONFIG_ERROR, message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(ErrorCode.CONFIG_ERROR, message, cause);
    }
}
