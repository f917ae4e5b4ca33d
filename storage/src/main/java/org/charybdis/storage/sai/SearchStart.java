package org.charybdis.storage.sai;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.Comparator;

/**
 * Where a search of an index resumes, in table order: at a partition's start (a later page), or just after the last
 * row an earlier search returned (a later round of the same page). Null means from the start.
 */
public record SearchStart(PrimaryKey key, boolean inclusive) {
    /** From the start of {@code partition} (its partition-level posting, at the static clustering, sorts first). */
    public static SearchStart atPartition(DecoratedKey partition) {
        return new SearchStart(new PrimaryKey(partition, Clustering.STATIC), true);
    }

    /** Just after {@code row}. */
    public static SearchStart after(PrimaryKey row) {
        return new SearchStart(row, false);
    }

    /** True when {@code hit} lies at or past this start. */
    boolean admits(PrimaryKey hit, Comparator<PrimaryKey> order) {
        int c = order.compare(hit, key);
        return inclusive ? c >= 0 : c > 0;
    }
}
