package org.charybdis.storage.sai;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/** Merges streams of hits, each in table order, into one stream in table order without repeats. */
final class MergedHits implements Iterator<PrimaryKey> {
    private final Comparator<PrimaryKey> order;
    private final PriorityQueue<Source> sources;
    private PrimaryKey last;

    MergedHits(List<Iterator<PrimaryKey>> streams, Comparator<PrimaryKey> order) {
        this.order = order;
        this.sources = new PriorityQueue<>(Math.max(1, streams.size()), (a, b) -> order.compare(a.head, b.head));
        for (Iterator<PrimaryKey> stream : streams) if (stream.hasNext()) sources.add(new Source(stream));
    }

    @Override
    public boolean hasNext() {
        while (!sources.isEmpty() && last != null && order.compare(sources.peek().head, last) == 0) advance();
        return !sources.isEmpty();
    }

    @Override
    public PrimaryKey next() {
        if (!hasNext()) throw new NoSuchElementException();
        last = sources.peek().head;
        advance();
        return last;
    }

    private void advance() {
        Source source = sources.poll();
        if (source.rest.hasNext()) {
            source.head = source.rest.next();
            sources.add(source);
        }
    }

    private static final class Source {
        final Iterator<PrimaryKey> rest;
        PrimaryKey head;

        Source(Iterator<PrimaryKey> stream) {
            this.rest = stream;
            this.head = stream.next();
        }
    }
}
