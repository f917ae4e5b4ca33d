package org.charybdis.storage.read;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.RangeTombstone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The deletion covering each row a read visits in its order (clustering order, or reversed): the partition deletion,
 * or a range tombstone superseding it. The tombstones are sorted once by where the read meets them and dropped once
 * it has passed them, so a row costs the tombstones open at it, not every tombstone of the partition.
 */
public final class CoveringDeletions {
    private final DeletionTime partitionDeletion;
    private final ClusteringComparator comparator;
    private final boolean reversed;
    /** In the order the read meets them: by start, or by end from the last for a reversed read. */
    private final RangeTombstone[] tombstones;
    private final List<RangeTombstone> open = new ArrayList<>();
    private int next;

    public CoveringDeletions(DeletionTime partitionDeletion, List<RangeTombstone> tombstones, ClusteringComparator comparator, boolean reversed) {
        this.partitionDeletion = partitionDeletion;
        this.comparator = comparator;
        this.reversed = reversed;
        this.tombstones = tombstones.toArray(new RangeTombstone[0]);
        Comparator<RangeTombstone> byStart = (a, b) -> comparator.compare(a.slice().start(), b.slice().start());
        Comparator<RangeTombstone> byEndFromLast = (a, b) -> comparator.compare(b.slice().end(), a.slice().end());
        Arrays.sort(this.tombstones, reversed ? byEndFromLast : byStart);
    }

    /** The deletion covering a row; rows must come in the read's order. */
    public DeletionTime at(Clustering clustering) {
        while (next < tombstones.length && reached(tombstones[next], clustering)) open.add(tombstones[next++]);
        DeletionTime deletion = partitionDeletion;
        for (int i = open.size() - 1; i >= 0; i--) {
            RangeTombstone rt = open.get(i);
            if (passed(rt, clustering)) open.remove(i);
            else if (rt.deletion().supersedes(deletion)) deletion = rt.deletion();
        }
        return deletion;
    }

    private boolean reached(RangeTombstone rt, Clustering clustering) {
        return reversed ? comparator.compare(clustering, rt.slice().end()) < 0 : comparator.compare(rt.slice().start(), clustering) < 0;
    }

    private boolean passed(RangeTombstone rt, Clustering clustering) {
        return reversed ? comparator.compare(clustering, rt.slice().start()) < 0 : comparator.compare(rt.slice().end(), clustering) < 0;
    }
}
