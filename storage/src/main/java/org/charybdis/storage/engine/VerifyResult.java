package org.charybdis.storage.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code verify} found in a table's SSTables: how many it read through, and each one whose checksums did not
 * match (it is quarantined, like scrub's damaged originals).
 *
 * @param sstables SSTables whose every component was read and checked
 * @param corrupt  the SSTables that failed, one finding each
 */
public record VerifyResult(long sstables, List<Finding> corrupt) {
    public static final VerifyResult NONE = new VerifyResult(0, List.of());

    /** A corrupt SSTable: the first damaged file found and what was wrong with it (the message names both). */
    public record Finding(String file, String problem) {}

    public VerifyResult {
        corrupt = List.copyOf(corrupt);
    }

    public VerifyResult plus(VerifyResult other) {
        List<Finding> all = new ArrayList<>(corrupt);
        all.addAll(other.corrupt);
        return new VerifyResult(sstables + other.sstables, all);
    }
}
