package org.charybdis.storage.compaction;

/**
 * What UCS needs to know about one live SSTable to decide compactions. The LSM engine's SSTable type
 * implements it; the planner never touches files.
 */
public interface CompactionCandidate {
    /** Bytes on disk (all components that the SSTable's size is reported as). */
    long onDiskSize();

    /** Token of the first partition. */
    long firstToken();

    /** Token of the last partition ({@code >= firstToken()}). */
    long lastToken();

    /** Smallest write timestamp (microseconds) of any cell, row or tombstone in it. */
    long minTimestamp();

    /** Largest write timestamp (microseconds): compactions keep time order by this. */
    long maxTimestamp();

    /**
     * Largest local deletion time (seconds since the epoch) of its content: when every cell and tombstone
     * has expired or been deleted before this. {@link Long#MAX_VALUE} when it holds data that never expires.
     */
    long maxLocalDeletionTime();

    /** The SSTable's generation: a stable tie-breaker between SSTables with equal timestamps. */
    long generation();

    /** Fraction of the token ring it spans; override when the engine knows better. */
    default double tokenSpaceCovered() {
        return TokenSpace.fractionCovered(firstToken(), lastToken());
    }

    /** UCS density: size divided by the fraction of the token space covered. */
    default double density() {
        return onDiskSize() / tokenSpaceCovered();
    }

    /** True when the token spans share at least one token (ends are inclusive). */
    default boolean overlaps(CompactionCandidate other) {
        return firstToken() <= other.lastToken() && other.firstToken() <= lastToken();
    }
}
