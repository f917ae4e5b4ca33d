package org.charybdis.server.service;

import org.charybdis.cql.exceptions.ReadFailureException;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.replica.Database;
import org.charybdis.storage.engine.DiskFailurePolicy;
import org.charybdis.storage.sstable.CorruptSSTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a read that met a corrupt SSTable tells the client and the operator, and what the node does about the file
 * ({@code disk_failure_policy}): the client gets Cassandra's ReadFailure naming the file, the server log gets the
 * file, table and offset once per file (not a stack trace per read); then best_effort quarantines the SSTable,
 * stop_paranoid drops every client, die ends the process.
 */
final class CorruptSSTables {
    private static final Logger log = LoggerFactory.getLogger(CorruptSSTables.class);
    /** Cassandra's RequestFailureReason.UNKNOWN. */
    private static final int UNKNOWN = 0;

    private final DiskFailurePolicy policy;
    private final Database database;
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();
    private volatile Runnable stopClients = () -> log.error("disk_failure_policy: stop_paranoid, but no client transport to stop");

    CorruptSSTables(DiskFailurePolicy policy, Database database) {
        this.policy = policy;
        this.database = database;
    }

    /** How stop_paranoid stops serving clients (blocking; run on a thread of its own). */
    void onStop(Runnable stopClients) {
        this.stopClients = stopClients;
    }

    /** The failure to answer: a ReadFailure for a corrupt SSTable, anything else unchanged. */
    Throwable translate(Throwable failure, ConsistencyLevel consistency) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (!(cause instanceof CorruptSSTableException corrupt)) return failure;
        if (reported.add(corrupt.file())) react(corrupt);
        return new ReadFailureException("Operation failed - received 0 responses and 1 failures: UNKNOWN from localhost/127.0.0.1:7000 ("
                + corrupt.getMessage() + ")", consistency, 0, 1, Map.of(InetAddress.getLoopbackAddress(), UNKNOWN), false);
    }

    private void react(CorruptSSTableException corrupt) {
        switch (policy) {
            case STOP, IGNORE -> log.error("{}. Reads that touch this file fail until it is scrubbed (charybdis admin scrub)"
                    + " or restored from a backup", corrupt.getMessage());
            case BEST_EFFORT -> {
                log.error("{}. Quarantining it (disk_failure_policy: best_effort): the table is served from its other SSTables",
                        corrupt.getMessage());
                database.onAllShardsAsync(ShardRuntime.MAINTENANCE, storage -> CompletableFuture.completedFuture(storage.quarantine(corrupt.file())))
                        .whenComplete((found, error) -> {
                            if (error != null) log.error("Could not quarantine {}", corrupt.file(), error);
                        });
            }
            case STOP_PARANOID -> {
                log.error("{}. Stopping client transports (disk_failure_policy: stop_paranoid); the node stays up for inspection"
                        + " through its REST API", corrupt.getMessage());
                Thread.ofPlatform().name("disk-failure-stop").start(stopClients);
            }
            case DIE -> {
                log.error("{}. Exiting (disk_failure_policy: die)", corrupt.getMessage());
                Runtime.getRuntime().halt(1); // acknowledged writes are in the commit log; nothing more is safe to do here
            }
        }
    }
}
