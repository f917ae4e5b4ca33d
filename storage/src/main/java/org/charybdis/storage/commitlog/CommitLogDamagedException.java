package org.charybdis.storage.commitlog;

import java.nio.file.Path;
import java.util.List;

/**
 * Replay found damage to commit log entries that had been fsynced, and {@code commitlog_replay_errors} is
 * {@code stop}: the shard does not start, so that no acknowledged write is lost without an operator knowing.
 * The message says what was found and how to go on.
 */
public final class CommitLogDamagedException extends RuntimeException {
    public CommitLogDamagedException(int shardId, List<ReplayResult.Damage> damages) {
        super(message(shardId, damages));
    }

    private static String message(int shardId, List<ReplayResult.Damage> damages) {
        StringBuilder text = new StringBuilder("The commit log of shard ").append(shardId)
                .append(" has damaged entries that had been written durably; acknowledged writes in them may be lost:");
        for (ReplayResult.Damage damage : damages) text.append("\n  ").append(damage.describe());
        Path directory = damages.getFirst().file().getParent();
        text.append("\nCharybdis does not start so that nothing is lost silently. Copy ").append(directory)
                .append(" somewhere safe first. Then either restore the damaged files from a copy, or set")
                .append(" commitlog_replay_errors: ignore in charybdis.yaml (or start once with --commitlog-replay-errors=ignore) to start with")
                .append(" every intact entry replayed;")
                .append(" the damaged segments are then kept in ").append(directory.resolve(ReplayResult.DAMAGED_DIRECTORY))
                .append(" and the setting can go back to stop.");
        return text.toString();
    }
}
