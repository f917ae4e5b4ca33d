package org.charybdis.storage.lsm;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.VerifyResult;
import org.charybdis.storage.sstable.CorruptSSTableException;
import org.charybdis.storage.sstable.SSTableReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code charybdis admin verify} of one table on one shard (Cassandra's {@code nodetool verify}): each SSTable's
 * checksums checked one SSTable after the other, while no compaction may take them; a corrupt one is quarantined
 * as scrub quarantines a damaged original, and the others stay in service.
 */
final class TableVerify {
    private static final Logger LOG = LoggerFactory.getLogger(TableVerify.class);

    private final LsmTableEngine table;

    TableVerify(LsmTableEngine table) {
        this.table = table;
    }

    CompletableFuture<VerifyResult> run(List<SSTableReader> sstables) {
        CompletableFuture<VerifyResult> total = CompletableFuture.completedFuture(VerifyResult.NONE);
        for (SSTableReader sstable : sstables) total = total.thenCompose(sum -> verify(sstable).thenApply(sum::plus));
        return total;
    }

    private CompletableFuture<VerifyResult> verify(SSTableReader sstable) {
        if (!sstable.ref()) return CompletableFuture.completedFuture(VerifyResult.NONE); // gone meanwhile (TRUNCATE)
        return sstable.verify(IoClass.COMPACTION).handle((ok, failure) -> {
            sstable.release();
            if (failure == null) return CompletableFuture.completedFuture(new VerifyResult(1, List.of()));
            if (!(AsyncLoop.unwrap(failure) instanceof CorruptSSTableException corrupt)) {
                return CompletableFuture.<VerifyResult>failedFuture(AsyncLoop.unwrap(failure));
            }
            LOG.warn("Verify of {} on shard {}: {}. The SSTable is quarantined", table.layout().qualifiedName(), table.shard().id(),
                    corrupt.getMessage());
            VerifyResult found = new VerifyResult(1, List.of(new VerifyResult.Finding(corrupt.file().toString(), corrupt.getMessage())));
            if (!table.sstables().quarantine(sstable)) return CompletableFuture.completedFuture(found);
            return sstable.whenClosed().thenApply(moved -> found); // the files are in quarantine when verify answers
        }).thenCompose(result -> result);
    }
}
