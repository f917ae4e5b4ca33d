package org.charybdis.scheduler;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * A submitTo message: runs on the target shard, then travels back to the reply shard and completes there.
 * One object is the task, the reply and the future, so a cross-shard call allocates once; the MPSC hand-offs
 * publish its plain fields.
 */
final class CrossShardCall<T> extends CompletableFuture<T> implements RejectableTask {
    private final Callable<T> task;
    private final Supplier<? extends CompletionStage<T>> asyncTask;
    private final Shard replyShard;
    private final SchedulingGroup replyGroup;

    private boolean replying;
    private T value;
    private Throwable failure;

    private CrossShardCall(Callable<T> task, Supplier<? extends CompletionStage<T>> asyncTask,
                           Shard replyShard, SchedulingGroup replyGroup) {
        this.task = task;
        this.asyncTask = asyncTask;
        this.replyShard = replyShard;
        this.replyGroup = replyGroup;
    }

    static <T> CrossShardCall<T> of(Callable<T> task, Shard replyShard, SchedulingGroup replyGroup) {
        return new CrossShardCall<>(task, null, replyShard, replyGroup);
    }

    static <T> CrossShardCall<T> ofAsync(Supplier<? extends CompletionStage<T>> task, Shard replyShard,
                                         SchedulingGroup replyGroup) {
        return new CrossShardCall<>(null, task, replyShard, replyGroup);
    }

    @Override
    public void run() {
        if (replying) {
            completeHere();
            return;
        }
        if (task != null) {
            T value;
            try {
                value = task.call();
            } catch (Throwable t) {
                reply(null, t);
                return;
            }
            reply(value, null);
        } else {
            runAsync();
        }
    }

    @Override
    public void reject(Throwable cause) {
        completeExceptionally(cause);
    }

    private void runAsync() {
        CompletionStage<T> stage;
        try {
            stage = asyncTask.get();
            if (stage == null) throw new NullPointerException("submitToAsync task returned a null stage");
        } catch (Throwable t) {
            reply(null, t);
            return;
        }
        stage.whenComplete(this::reply);
    }

    /** Completes right here if already on the reply shard in the reply group, else posts itself back. */
    private void reply(T value, Throwable error) {
        this.value = value;
        failure = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (Shard.current() == replyShard && replyShard.currentGroup() == replyGroup) {
            completeHere();
            return;
        }
        replying = true;
        try {
            replyShard.execute(replyGroup, this);
        } catch (RejectedExecutionException e) {
            completeExceptionally(e);
        }
    }

    private void completeHere() {
        if (failure != null) completeExceptionally(failure);
        else complete(value);
    }
}
