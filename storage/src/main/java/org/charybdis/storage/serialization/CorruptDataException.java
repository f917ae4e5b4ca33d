package org.charybdis.storage.serialization;

/**
 * Stored bytes that do not decode: a checksum mismatch, a truncated record, an impossible length. Readers
 * catch it at the file level and rethrow with the file's name and table, so the message says what is damaged.
 */
public class CorruptDataException extends RuntimeException {
    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
