package org.charybdis.storage.engine;

/**
 * What a scrub did to a table's SSTables.
 *
 * @param sstables          SSTables read
 * @param partitionsKept    partitions that read back intact (rewritten, unless validating)
 * @param partitionsCorrupt corrupt partitions found (left out of the rewritten SSTables)
 * @param quarantined       SSTables moved to quarantine
 */
public record ScrubResult(long sstables, long partitionsKept, long partitionsCorrupt, long quarantined) {
    public static final ScrubResult NONE = new ScrubResult(0, 0, 0, 0);

    public ScrubResult plus(ScrubResult other) {
        return new ScrubResult(sstables + other.sstables, partitionsKept + other.partitionsKept,
                partitionsCorrupt + other.partitionsCorrupt, quarantined + other.quarantined);
    }
}
