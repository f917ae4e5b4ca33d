package org.charybdis.server.service;

import org.charybdis.cql.exceptions.WriteFailureException;
import org.charybdis.storage.engine.WriteUnavailableException;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * What a write the storage refused (a full disk: the commit log cannot prepare a segment, or the memtables are full
 * and cannot be flushed) tells the client: Cassandra's WriteFailure for a failed local replica, its message naming
 * the directory and the cause. The storage logs the outage itself, rate-limited; nothing is logged per write.
 */
final class RefusedWrites {
    /** Cassandra's RequestFailureReason.UNKNOWN, what it reports for a local replica's failed write. */
    private static final Map<InetAddress, Integer> LOCAL_FAILURE = Map.of(InetAddress.getLoopbackAddress(), 0);

    private RefusedWrites() {}

    /** The failure to answer a write with: a WriteFailure when the storage refused it, anything else unchanged. */
    static Throwable translate(Throwable failure, Deadline deadline) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (!(cause instanceof WriteUnavailableException refused)) return failure;
        return new WriteFailureException("Operation failed - received 0 responses and 1 failures: UNKNOWN from localhost/127.0.0.1:7000 ("
                + refused.getMessage() + ")", deadline.consistency(), 0, 1, LOCAL_FAILURE, deadline.writeType());
    }
}
