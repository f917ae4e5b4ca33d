package org.charybdis.server.service;

import org.charybdis.cql.exceptions.ReadFailureException;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.storage.sstable.CorruptSSTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a read that met a corrupt SSTable tells the client and the operator: the client gets Cassandra's ReadFailure
 * naming the file, the server log gets the file, table and offset once per file (not a stack trace per read).
 */
final class CorruptSSTables {
    private static final Logger log = LoggerFactory.getLogger(CorruptSSTables.class);
    /** Cassandra's RequestFailureReason.UNKNOWN. */
    private static final int UNKNOWN = 0;

    private final Set<Path> reported = ConcurrentHashMap.newKeySet();

    /** The failure to answer: a ReadFailure for a corrupt SSTable, anything else unchanged. */
    Throwable translate(Throwable failure, ConsistencyLevel consistency) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (!(cause instanceof CorruptSSTableException corrupt)) return failure;
        if (reported.add(corrupt.file())) {
            log.error("{}. Reads that touch this file fail until it is scrubbed or restored from a backup", corrupt.getMessage());
        }
        return new ReadFailureException("Operation failed - received 0 responses and 1 failures: UNKNOWN from localhost/127.0.0.1:7000 ("
                + corrupt.getMessage() + ")", consistency, 0, 1, Map.of(InetAddress.getLoopbackAddress(), UNKNOWN), false);
    }
}
