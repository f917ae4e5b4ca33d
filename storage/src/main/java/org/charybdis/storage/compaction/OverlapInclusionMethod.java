package org.charybdis.storage.compaction;

/**
 * How far a compaction bucket extends beyond the overlap set that triggered it
 * ({@code 'overlap_inclusion_method'}).
 */
public enum OverlapInclusionMethod {
    /** Only the triggering overlap set (may recompact data later; not recommended). */
    NONE,
    /** The triggering set plus every SSTable that overlaps one of its members. */
    SINGLE,
    /** Everything connected to the triggering set by a chain of overlaps (the default). */
    TRANSITIVE
}
