package org.charybdis.storage.compaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SSTables of one level that a compaction should take together: one or more consecutive overlap sets,
 * joined per the {@link OverlapInclusionMethod}. Buckets are formed only around a set that reached the
 * level's threshold.
 */
public final class CompactionBucket<C extends CompactionCandidate> {
    /** Oldest first: compactions keep time order so whole SSTables can expire together. */
    static final Comparator<CompactionCandidate> OLDEST_FIRST =
            Comparator.comparingLong(CompactionCandidate::maxTimestamp).thenComparingLong(CompactionCandidate::generation);

    private final List<List<C>> sections;
    private final List<C> sstables;
    private final int maxOverlap;

    CompactionBucket(List<List<C>> sections) {
        this.sections = List.copyOf(sections);
        Set<C> all = new LinkedHashSet<>();
        for (List<C> section : sections) all.addAll(section);
        List<C> sorted = new ArrayList<>(all);
        sorted.sort(OLDEST_FIRST);
        this.sstables = List.copyOf(sorted);
        this.maxOverlap = OverlapSets.maxOverlap(sections);
    }

    /** Forms the buckets of a level from its overlap sets (in token order). */
    public static <C extends CompactionCandidate> List<CompactionBucket<C>> form(List<List<C>> overlapSets,
                                                                                int threshold,
                                                                                OverlapInclusionMethod method) {
        List<CompactionBucket<C>> buckets = new ArrayList<>();
        int n = overlapSets.size();
        int i = 0;
        int taken = 0; // sets before this index already belong to a bucket
        while (i < n) {
            if (method == OverlapInclusionMethod.TRANSITIVE) {
                // A chain of consecutive sets sharing SSTables is exactly one transitive-overlap component.
                int end = i + 1;
                while (end < n && sharesAny(overlapSets.get(end - 1), overlapSets.get(end))) end++;
                List<List<C>> chain = overlapSets.subList(i, end);
                if (OverlapSets.maxOverlap(chain) >= threshold) buckets.add(new CompactionBucket<>(chain));
                i = end;
            } else if (overlapSets.get(i).size() < threshold) {
                i++;
            } else if (method == OverlapInclusionMethod.NONE) {
                buckets.add(new CompactionBucket<>(overlapSets.subList(i, i + 1)));
                i++;
            } else {
                // SINGLE: the sets that share an SSTable with the triggering one are contiguous around it.
                List<C> trigger = overlapSets.get(i);
                int start = i;
                while (start - 1 >= taken && sharesAny(overlapSets.get(start - 1), trigger)) start--;
                int end = i + 1;
                while (end < n && sharesAny(overlapSets.get(end), trigger)) end++;
                buckets.add(new CompactionBucket<>(overlapSets.subList(start, end)));
                i = end;
                taken = end;
            }
        }
        return buckets;
    }

    /** All SSTables of the bucket, oldest first. */
    public List<C> sstables() { return sstables; }

    /** The most SSTables of this bucket any token is found in. */
    public int maxOverlap() { return maxOverlap; }

    /**
     * The inputs of a compaction of this bucket: all of it, or, when its overlap exceeds {@code limit},
     * the oldest SSTables such that no overlap set holds more than {@code limit} of them. Selection stops at
     * the first SSTable that would break the limit, so every included SSTable has all older ones with it.
     */
    public List<C> select(int limit) {
        if (maxOverlap <= limit) return sstables;
        Map<C, List<Integer>> sectionsOf = new HashMap<>();
        for (int s = 0; s < sections.size(); s++) {
            for (C sstable : sections.get(s)) sectionsOf.computeIfAbsent(sstable, k -> new ArrayList<>()).add(s);
        }
        int[] counts = new int[sections.size()];
        List<C> selected = new ArrayList<>();
        for (C sstable : sstables) {
            List<Integer> in = sectionsOf.get(sstable);
            for (int s : in) {
                if (counts[s] + 1 > limit) return selected;
            }
            for (int s : in) counts[s]++;
            selected.add(sstable);
        }
        return selected;
    }

    /** The overlap a compaction of {@code inputs} (a subset of this bucket) removes at most. */
    int overlapOf(List<C> inputs) {
        if (inputs.size() == sstables.size()) return maxOverlap;
        Set<C> chosen = new HashSet<>(inputs);
        int max = 0;
        for (List<C> section : sections) {
            int count = 0;
            for (C sstable : section) if (chosen.contains(sstable)) count++;
            max = Math.max(max, count);
        }
        return max;
    }

    private static <C> boolean sharesAny(List<C> a, List<C> b) {
        Set<C> smaller = new HashSet<>(a.size() <= b.size() ? a : b);
        for (C x : a.size() <= b.size() ? b : a) if (smaller.contains(x)) return true;
        return false;
    }
}
