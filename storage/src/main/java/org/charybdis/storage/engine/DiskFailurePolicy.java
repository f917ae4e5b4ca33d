package org.charybdis.storage.engine;

import java.util.Locale;

/**
 * What the node does about a corrupt SSTable ({@code disk_failure_policy}, Cassandra's names).
 * <ul>
 *   <li>{@link #DIE}: the process exits, so that a supervisor or an operator replaces the disk.</li>
 *   <li>{@link #STOP_PARANOID}: clients are disconnected and no new ones accepted; the node stays up for
 *       inspection through the REST API.</li>
 *   <li>{@link #STOP}, the default, and {@link #IGNORE}: reads that touch the file fail with ReadFailure naming
 *       it and everything else is served, until the file is scrubbed or restored. (Cassandra's {@code stop} acts
 *       on IO errors of the disk, not on corrupt files.)</li>
 *   <li>{@link #BEST_EFFORT}: the corrupt SSTable is quarantined (its files moved to {@code quarantine/} in
 *       its directory) and the table is served from the rest.</li>
 * </ul>
 */
public enum DiskFailurePolicy {
    DIE, STOP_PARANOID, STOP, BEST_EFFORT, IGNORE;

    /** The name in charybdis.yaml ({@code best_effort}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DiskFailurePolicy ofConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
