package org.charybdis.storage.lsm;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.compaction.ShardingBoundaries;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.ScrubMode;
import org.charybdis.storage.engine.ScrubResult;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.CorruptSSTableException;
import org.charybdis.storage.sstable.PartitionScanner;
import org.charybdis.storage.sstable.SSTableReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code charybdis admin scrub} of one table on one shard: reads each SSTable partition by partition, one
 * SSTable after the other, while no compaction may take them, and rewrites or quarantines it as the
 * {@link ScrubMode} says. A corrupt partition is found by its checksums; Index.db says where the next one
 * starts, so reading goes on after it unless the index itself is damaged.
 */
final class TableScrub {
    private static final Logger LOG = LoggerFactory.getLogger(TableScrub.class);

    private final LsmTableEngine table;
    private final ScrubMode mode;

    TableScrub(LsmTableEngine table, ScrubMode mode) {
        this.table = table;
        this.mode = mode;
    }

    CompletableFuture<ScrubResult> run(List<SSTableReader> sstables) {
        CompletableFuture<ScrubResult> total = CompletableFuture.completedFuture(ScrubResult.NONE);
        for (SSTableReader sstable : sstables) {
            total = total.thenCompose(sum -> scrub(sstable).thenApply(sum::plus));
        }
        return total;
    }

    private CompletableFuture<ScrubResult> scrub(SSTableReader sstable) {
        if (!sstable.ref()) return CompletableFuture.completedFuture(ScrubResult.NONE); // gone meanwhile (TRUNCATE)
        SSTableOutput output = mode == ScrubMode.VALIDATE ? null : new SSTableOutput(table, ShardingBoundaries.ofCount(1),
                IoClass.COMPACTION, sstable.partitionCount(), sstable.commitLogUpperBound(), Set.of(sstable.generation()));
        Pass pass = new Pass(sstable, output);
        return AsyncLoop.until(pass::step)
                .thenCompose(ignored -> output == null ? CompletableFuture.completedFuture(List.<SSTableReader>of()) : output.finish())
                .handle((outputs, failure) -> {
                    sstable.release();
                    if (failure != null) {
                        if (output != null) output.abort();
                        throw new java.util.concurrent.CompletionException(AsyncLoop.unwrap(failure));
                    }
                    return pass.conclude(outputs);
                })
                .thenCompose(result -> result.quarantined() == 0 ? CompletableFuture.completedFuture(result)
                        : sstable.whenClosed().thenApply(moved -> result)); // the files are in quarantine when scrub answers
    }

    /** One SSTable's partitions, read in order; corrupt ones counted and, in ABORT mode, the end of the pass. */
    private final class Pass {
        private final SSTableReader sstable;
        private final SSTableOutput output;
        private final PartitionScanner scanner;
        private long kept;
        private long skipped;
        private CorruptSSTableException firstCorruption;

        Pass(SSTableReader sstable, SSTableOutput output) {
            this.sstable = sstable;
            this.output = output;
            this.scanner = sstable.scanner(TokenRange.FULL_RING, null, IoClass.COMPACTION);
        }

        /** Reads the next partition; true once the SSTable is done. */
        CompletableFuture<Boolean> step() {
            long indexPosition = scanner.indexPosition();
            return scanner.next().handle((partition, failure) -> {
                if (failure == null) return partition == null ? done() : keep(partition);
                if (!(AsyncLoop.unwrap(failure) instanceof CorruptSSTableException corrupt)) {
                    return CompletableFuture.<Boolean>failedFuture(AsyncLoop.unwrap(failure));
                }
                skipped++;
                if (firstCorruption == null) firstCorruption = corrupt;
                if (mode == ScrubMode.ABORT) {
                    return CompletableFuture.<Boolean>failedFuture(new CorruptSSTableException(sstable.files().path(Component.DATA),
                            table.layout().qualifiedName(),
                            "scrub stopped at a corrupt partition (" + corrupt.getMessage() + "); nothing was changed."
                                    + " Scrub with mode skip to rewrite what can be read"));
                }
                // an index entry that does not decode leaves the scanner where it was: nothing after it can be found
                return scanner.indexPosition() == indexPosition ? done() : CompletableFuture.completedFuture(false);
            }).thenCompose(next -> next);
        }

        private CompletableFuture<Boolean> keep(PartitionFragment partition) {
            kept++;
            return output == null ? CompletableFuture.completedFuture(false) : output.append(partition).thenApply(v -> false);
        }

        private CompletableFuture<Boolean> done() {
            return CompletableFuture.completedFuture(true);
        }

        /** Swaps the SSTable for its rewrite, or quarantines it when partitions were lost or validation failed. */
        ScrubResult conclude(List<SSTableReader> outputs) {
            String name = table.layout().qualifiedName();
            boolean damaged = firstCorruption != null;
            if (mode == ScrubMode.VALIDATE) {
                if (damaged) table.sstables().quarantine(sstable);
            } else if (damaged) {
                table.sstables().add(outputs); // in the same task as the quarantine: no read sees both or neither
                table.sstables().quarantine(sstable);
            } else {
                table.sstables().replace(List.of(sstable), outputs);
            }
            if (damaged) {
                LOG.warn("Scrub ({}) of {} on shard {}: {} partitions read, {} corrupt ones {}; the SSTable is quarantined. First: {}",
                        mode.name().toLowerCase(), name, table.shard().id(), kept, skipped,
                        mode == ScrubMode.VALIDATE ? "found" : "left out of the rewrite", firstCorruption.getMessage());
            }
            return new ScrubResult(1, kept, skipped, damaged ? 1 : 0);
        }
    }
}
