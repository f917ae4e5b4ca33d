package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionFragment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Merges sources of partitions in token order into groups of same-key fragments: what range scans and
 * compactions walk. Each source's head is fetched ahead; a step waits only for heads still on the disk.
 */
final class MergingFragments implements AutoCloseable {
    private final List<FragmentSource> sources;
    private final PartitionFragment[] heads;
    private final boolean[] exhausted;
    private final List<CompletableFuture<PartitionFragment>> pending;
    private boolean closed;

    MergingFragments(List<FragmentSource> sources) {
        this.sources = List.copyOf(sources);
        this.heads = new PartitionFragment[sources.size()];
        this.exhausted = new boolean[sources.size()];
        this.pending = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) pending.add(null);
    }

    /** The fragments of the next partition (at least one), or null when every source is exhausted. */
    CompletableFuture<List<PartitionFragment>> next() {
        if (closed) return CompletableFuture.failedFuture(new IllegalStateException("merge closed"));
        List<CompletableFuture<PartitionFragment>> waits = null;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null || exhausted[i]) continue;
            CompletableFuture<PartitionFragment> head = pending.get(i);
            if (head == null) {
                head = sources.get(i).next();
                pending.set(i, head);
            }
            if (head.isDone() && !head.isCompletedExceptionally()) {
                take(i, head.join());
            } else {
                if (waits == null) waits = new ArrayList<>();
                waits.add(head);
            }
        }
        if (waits != null) {
            return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
                for (int i = 0; i < heads.length; i++) {
                    CompletableFuture<PartitionFragment> head = pending.get(i);
                    if (head != null && head.isDone()) take(i, head.join());
                }
                return next();
            });
        }
        return CompletableFuture.completedFuture(pollSmallest());
    }

    private void take(int source, PartitionFragment fragment) {
        pending.set(source, null);
        if (fragment == null) exhausted[source] = true;
        else heads[source] = fragment;
    }

    private List<PartitionFragment> pollSmallest() {
        PartitionFragment smallest = null;
        for (PartitionFragment head : heads) {
            if (head != null && (smallest == null || head.key().compareTo(smallest.key()) < 0)) smallest = head;
        }
        if (smallest == null) return null;
        List<PartitionFragment> same = new ArrayList<>(2);
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && heads[i].key().equals(smallest.key())) {
                same.add(heads[i]);
                heads[i] = null;
            }
        }
        return same;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (FragmentSource source : sources) source.close();
    }
}
