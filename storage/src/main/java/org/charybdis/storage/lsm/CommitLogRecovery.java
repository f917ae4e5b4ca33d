package org.charybdis.storage.lsm;

import org.charybdis.storage.commitlog.CommitLog;
import org.charybdis.storage.commitlog.CommitLogConfig;
import org.charybdis.storage.commitlog.CommitLogDamagedException;
import org.charybdis.storage.commitlog.CommitLogPosition;
import org.charybdis.storage.commitlog.CommitLogReplayer;
import org.charybdis.storage.commitlog.ReplayResult;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.ForwardedUpdate;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.rocks.RocksTableEngine;
import org.charybdis.storage.serialization.CorruptDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Start-up of one shard's storage: waits for its tables' SSTables to open, replays the commitlog entries no
 * SSTable covers yet, starts a fresh commitlog and flushes what was replayed; the replayed segments are deleted
 * only once that is on disk and the forwarded updates they hold are fsynced on their owners (the server sends them
 * again after start-up), so a crash meanwhile just replays again. The new commitlog numbers its segments
 * above every position the tables have recorded (and every segment file still on disk), which keeps
 * "position <= what the SSTables cover" meaning "already flushed" across restarts.
 */
final class CommitLogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(CommitLogRecovery.class);

    private final LsmShard shard;
    private long applied;
    private long skipped;

    CommitLogRecovery(LsmShard shard) {
        this.shard = shard;
    }

    CompletableFuture<Void> run() {
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        for (LsmTableEngine table : shard.tables().values()) opening.add(table.files().ready());
        return CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> CommitLogReplayer.replay(shard.config().commitLog().directory(), shard.id(), shard.io(), this::replay))
                .thenCompose(this::afterReplay);
    }

    private void replay(long position, java.nio.ByteBuffer payload) {
        try {
            MutationEntry.deserialize(payload, id -> {
                TableEngine table = table(id);
                if (table == null) table = table(ForwardedUpdate.logId(id)); // logged for another shard
                return table == null ? -1 : table.layout().clusteringComparator().size();
            }, update -> {
                TableEngine table = table(update.tableId());
                if (table == null) {
                    // its owner may or may not have it: hand it back to be sent again
                    shard.replayedForward(new ForwardedUpdate(ForwardedUpdate.logId(update.tableId()), update.update()));
                    return;
                }
                if (position <= replayedUpTo(table)) {
                    skipped++;
                    return;
                }
                table.apply(update.update(), position);
                applied++;
            });
        } catch (CorruptDataException | IllegalArgumentException e) {
            LOG.error("Shard {}: skipping an undecodable commitlog entry at {}: {}", shard.id(), CommitLogPosition.toString(position), e.getMessage());
        }
    }

    /** The table of this shard, whichever engine stores it, or null. */
    private TableEngine table(java.util.UUID id) {
        LsmTableEngine table = shard.tables().get(id);
        return table != null ? table : shard.rocksTables().get(id);
    }

    /** Positions up to this one are in the table's files already. */
    private static long replayedUpTo(TableEngine table) {
        return table instanceof RocksTableEngine rocks ? rocks.replayedUpTo() : ((LsmTableEngine) table).replayedUpTo();
    }

    private CompletableFuture<Void> afterReplay(ReplayResult result) {
        List<ReplayResult.Damage> lost = result.syncedDamages();
        if (!lost.isEmpty()) {
            if (shard.config().commitLog().replayErrors() == CommitLogConfig.ReplayErrors.STOP) {
                return CompletableFuture.failedFuture(new CommitLogDamagedException(shard.id(), lost));
            }
            for (ReplayResult.Damage damage : lost) {
                LOG.error("Shard {}: {}; acknowledged writes in it may be lost. Every intact entry was replayed"
                        + " (commitlog_replay_errors: ignore) and the segment is kept in {}", shard.id(), damage.describe(),
                        damage.file().resolveSibling(ReplayResult.DAMAGED_DIRECTORY));
            }
        }
        if (result.entriesReplayed() > 0 || !result.damages().isEmpty()) {
            LOG.info("Shard {}: replayed {} commitlog entries from {} segments ({} updates applied, {} already flushed,"
                            + " {} unreadable ranges skipped, {} of them in fsynced entries)", shard.id(), result.entriesReplayed(),
                    result.segmentFiles().size(), applied, skipped, result.damages().size(), lost.size());
        }
        // A flush that fails (a full disk) retries by itself and its memtable serves reads meanwhile: start-up goes on,
        // and the replayed segments stay until every replayed memtable is on disk.
        List<CompletableFuture<Void>> flushes = new ArrayList<>();
        for (LsmTableEngine table : List.copyOf(shard.tables().values())) {
            flushes.add(table.flush().handle((v, e) -> null).thenCompose(ignored -> table.flushesWritten()));
        }
        List<RocksTableEngine> rocksTables = List.copyOf(shard.rocksTables().values());
        for (RocksTableEngine table : rocksTables) flushes.add(table.flush());
        // and the forwarded updates the replay found are only here until their owners logged them again
        flushes.add(shard.replayedForwardsResent());
        long highestSegment = CommitLogPosition.segmentId(result.lastPosition());
        for (LsmTableEngine table : shard.tables().values()) {
            highestSegment = Math.max(highestSegment, CommitLogPosition.segmentId(Math.max(0, table.replayedUpTo())));
        }
        for (RocksTableEngine table : rocksTables) {
            highestSegment = Math.max(highestSegment, CommitLogPosition.segmentId(Math.max(0, table.replayedUpTo())));
        }
        long firstSegment = highestSegment + 1;
        CompletableFuture<Void> settled = CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new));
        return CommitLog.open(shard.config().commitLog(), shard.id(), shard.shard(), firstSegment).thenAccept(log -> {
            shard.startCommitLog(log);
            if (!settled.isDone()) LOG.info("Shard {}: serving while the replayed data is flushed and resent; the replayed segments stay until then", shard.id());
            List<LsmTableEngine> tables = List.copyOf(shard.tables().values());
            settled.thenCompose(ignored -> {
                // a table closed meanwhile (shutdown, DROP) gave its flush up: what it held is only in these segments
                if (tables.stream().anyMatch(LsmTableEngine::isClosed) || rocksTables.stream().anyMatch(RocksTableEngine::isClosed))
                    return CompletableFuture.<Void>completedFuture(null);
                return result.deleteReplayed(shard.io());
            }).exceptionally(e -> {
                LOG.error("Shard {}: could not delete the replayed commit log segments (they replay again, harmlessly, at the next start)",
                        shard.id(), AsyncLoop.unwrap(e));
                return null;
            });
        });
    }
}
