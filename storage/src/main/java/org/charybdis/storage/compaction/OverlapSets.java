package org.charybdis.storage.compaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The minimal list of overlap sets of some SSTables, in token order: SSTables that do not overlap are
 * never in the same set, every overlapping pair shares some set, and each SSTable sits in consecutive
 * sets. The largest set size is the read amplification on the worst key. O(n log n).
 * <p>
 * Example from the UCS design: A 0-3, B 2-7, C 6-9, D 1-8 give the sets ABD and BCD.
 */
public final class OverlapSets {
    private OverlapSets() {}

    public static <C extends CompactionCandidate> List<List<C>> of(List<C> sstables) {
        List<C> byFirst = new ArrayList<>(sstables);
        byFirst.sort(Comparator.comparingLong(CompactionCandidate::firstToken));
        PriorityQueue<C> active = new PriorityQueue<>(Comparator.comparingLong(CompactionCandidate::lastToken));
        List<List<C>> sets = new ArrayList<>();
        boolean grownSinceEmit = false;
        for (C next : byFirst) {
            if (!active.isEmpty() && active.peek().lastToken() < next.firstToken()) {
                // Something active ends before `next` starts: the active set is maximal, record it.
                if (grownSinceEmit) sets.add(new ArrayList<>(active));
                grownSinceEmit = false;
                while (!active.isEmpty() && active.peek().lastToken() < next.firstToken()) active.poll();
            }
            active.add(next);
            grownSinceEmit = true;
        }
        if (grownSinceEmit) sets.add(new ArrayList<>(active));
        return sets;
    }

    /** The largest overlap, i.e. the most SSTables any one token is found in. */
    public static int maxOverlap(List<? extends List<?>> sets) {
        int max = 0;
        for (List<?> set : sets) max = Math.max(max, set.size());
        return max;
    }

    /**
     * Groups SSTables into runs connected by (transitive) overlap; different groups share no token and
     * can be compacted independently. Groups are in token order.
     */
    public static <C extends CompactionCandidate> List<List<C>> connectedGroups(List<C> sstables) {
        List<C> byFirst = new ArrayList<>(sstables);
        byFirst.sort(Comparator.comparingLong(CompactionCandidate::firstToken));
        List<List<C>> groups = new ArrayList<>();
        List<C> current = null;
        long currentLast = 0;
        for (C sstable : byFirst) {
            if (current == null || sstable.firstToken() > currentLast) {
                current = new ArrayList<>();
                groups.add(current);
                currentLast = sstable.lastToken();
            } else {
                currentLast = Math.max(currentLast, sstable.lastToken());
            }
            current.add(sstable);
        }
        return groups;
    }
}
