package org.charybdis.server.cql.json;

/**
 * A JSON value that does not fit its type; the message is Cassandra's. Callers add the context:
 * {@code INSERT JSON} names the column, {@code fromJson()} reports a function failure.
 */
public final class JsonDecodingException extends RuntimeException {
    JsonDecodingException(String message) {
        super(message, null, false, false);
    }
}
