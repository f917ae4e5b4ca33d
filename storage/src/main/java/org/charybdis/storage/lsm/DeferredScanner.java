package org.charybdis.storage.lsm;

import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.PartitionScanner;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ReadLimit;

import java.util.concurrent.CompletableFuture;

/** A scan asked for before the table's SSTables are open: it starts once they are, or fails if they cannot be. */
final class DeferredScanner implements PartitionScanner {
    private final CompletableFuture<PartitionScanner> scanner;

    DeferredScanner(LsmTableEngine table, TokenRange range, DecoratedKey after, ReadFilter filter, long nowInSeconds) {
        this.scanner = table.files().ready().thenCompose(ignored -> table.files().unreadable() != null
                ? CompletableFuture.failedFuture(table.files().unreadable())
                : CompletableFuture.completedFuture(table.scan(range, after, filter, nowInSeconds)));
    }

    @Override
    public CompletableFuture<PartitionView> next() {
        return scanner.thenCompose(PartitionScanner::next);
    }

    @Override
    public CompletableFuture<PartitionView> next(ReadLimit limit) {
        return scanner.thenCompose(s -> s.next(limit));
    }

    @Override
    public void close() {
        scanner.thenAccept(PartitionScanner::close);
    }
}
