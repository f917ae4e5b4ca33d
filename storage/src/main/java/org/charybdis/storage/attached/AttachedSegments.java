package org.charybdis.storage.attached;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.serialization.CorruptDataException;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.PartitionScanner;
import org.charybdis.storage.sstable.SSTableReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The opened attached component ({@link Component#attached()}: SAI.db, Vector.db) of each live SSTable of one table
 * on one shard: built when a flush or compaction writes the SSTable, or later for an index created after it or a file
 * found missing; read the first time a search needs it; built again from the SSTable's data (which has checksums of
 * its own) when damaged. Builds of one SSTable run one after another, never side by side. Shard-owned.
 *
 * @param <S> the opened form a search uses
 */
public final class AttachedSegments<S> {
    private static final Logger LOG = LoggerFactory.getLogger(AttachedSegments.class);

    /** What one kind of attached component is made of and how it is built and read. */
    public interface Format<S> {
        /** Names the content in log lines ("vector index graphs"). */
        String description();

        /** The segment of an SSTable without the component. */
        S none();

        /** Reads the checked component and opens it; completes with null when the SSTable has none. */
        CompletableFuture<S> load(SSTableReader sstable, IoClass ioClass);

        /** Builds the component of a referenced SSTable from its rows, writes it durably and opens it. */
        CompletableFuture<S> build(SSTableReader sstable, IoClass ioClass);

        /** True when the segment holds the index (built after the index existed). */
        boolean covers(S segment, UUID index);
    }

    private final Format<S> format;
    private final Map<SSTableReader, S> segments = new IdentityHashMap<>();
    /** The component being written per SSTable: a second build of the same SSTable waits for it. */
    private final Map<SSTableReader, CompletableFuture<Void>> writing = new IdentityHashMap<>();
    /** Builds for SSTables lacking an index run one after another. */
    private CompletableFuture<Void> lackingBuilds = CompletableFuture.completedFuture(null);

    public AttachedSegments(Format<S> format) {
        this.format = format;
    }

    /** Hands every partition of the SSTable to {@code sink}, in SSTable order: what a {@link Format#build} starts with. */
    public static CompletableFuture<Void> scanRows(SSTableReader sstable, IoClass ioClass, RowSink sink) {
        PartitionScanner partitions = sstable.scanner(TokenRange.FULL_RING, null, ioClass);
        return AsyncLoop.forEach(partitions::next, (PartitionFragment partition) -> {
            RowSink.feed(partition, sink);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Forgets the SSTables compacted away. */
    public void retain(Collection<SSTableReader> live) {
        segments.keySet().removeIf(r -> !live.contains(r)); // by identity: readers are equal only to themselves
    }

    /** Writes (or rewrites) the component of an SSTable; completes once it is durable and searchable. */
    public CompletableFuture<Void> build(SSTableReader sstable, IoClass ioClass) {
        CompletableFuture<Void> previous = writing.get(sstable);
        CompletableFuture<Void> built = previous == null ? buildNow(sstable, ioClass)
                : previous.handle((ignored, failure) -> null).thenCompose(ignored -> buildNow(sstable, ioClass));
        writing.put(sstable, built);
        return built.whenComplete((ignored, failure) -> writing.remove(sstable, built));
    }

    private CompletableFuture<Void> buildNow(SSTableReader sstable, IoClass ioClass) {
        if (!sstable.ref()) return CompletableFuture.completedFuture(null); // compacted away meanwhile
        return format.build(sstable, ioClass).thenAccept(segment -> {
            if (!sstable.isObsolete()) segments.put(sstable, segment);
        }).whenComplete((ignored, failure) -> sstable.release());
    }

    /** Builds the component of every live SSTable whose segment lacks the index, after the builds already asked for. */
    public CompletableFuture<Void> buildLacking(UUID index, Supplier<Collection<SSTableReader>> live, IoClass ioClass) {
        CompletableFuture<Void> next = lackingBuilds.handle((ignored, failure) -> null)
                .thenCompose(ignored -> lacking(index, live.get()))
                .thenCompose(lacking -> {
                    CompletableFuture<Void> built = CompletableFuture.completedFuture(null);
                    for (SSTableReader sstable : lacking) built = built.thenCompose(x -> build(sstable, ioClass));
                    return built;
                });
        lackingBuilds = next;
        return next;
    }

    private CompletableFuture<List<SSTableReader>> lacking(UUID index, Collection<SSTableReader> live) {
        List<SSTableReader> lacking = new ArrayList<>();
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (SSTableReader sstable : live) {
            all = all.thenCompose(ignored -> segment(sstable)).thenAccept(segment -> {
                if (!format.covers(segment, index)) lacking.add(sstable);
            });
        }
        return all.thenApply(ignored -> lacking);
    }

    /** The SSTable's segment, read the first time ({@link Format#none} when it has no component); rebuilt when damaged. */
    public CompletableFuture<S> segment(SSTableReader sstable) {
        S known = segments.get(sstable);
        if (known != null) return CompletableFuture.completedFuture(known);
        return format.load(sstable, IoClass.QUERY).thenApply(loaded -> {
            S segment = loaded == null ? format.none() : loaded;
            if (!sstable.isObsolete()) segments.putIfAbsent(sstable, segment);
            return segments.getOrDefault(sstable, segment);
        }).exceptionallyCompose(failure -> {
            if (!(AsyncLoop.unwrap(failure) instanceof CorruptDataException corrupt)) return CompletableFuture.failedFuture(failure);
            LOG.warn("Rebuilding the {} of {}: {}", format.description(), sstable, corrupt.getMessage());
            return build(sstable, IoClass.COMPACTION).thenApply(ignored -> segments.getOrDefault(sstable, format.none()));
        });
    }
}
