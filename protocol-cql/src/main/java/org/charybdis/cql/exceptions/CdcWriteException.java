package org.charybdis.cql.exceptions;

/** A write to a CDC-tracked table was refused because CDC space is exhausted. */
public class CdcWriteException extends CqlException {
    public CdcWriteException(String message) {
        super(ErrorCode.CDC_WRITE_FAILURE, message);
    }
}
