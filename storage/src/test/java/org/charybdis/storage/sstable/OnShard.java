package org.charybdis.storage.sstable;

import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.charybdis.scheduler.io.IoQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A one-shard runtime for tests: each step runs on shard 0 (as storage code does) and the test waits for it.
 * Registered as a static extension ({@code @RegisterExtension static final OnShard shard = new OnShard();}), it
 * stops after the class's tests.
 */
public final class OnShard implements AutoCloseable, AfterAllCallback {
    private final ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1));

    public IoQueue io() { return runtime.shard(0).io(); }

    /** Runs the step on shard 0 and returns what its future completes with; failures are rethrown unwrapped. */
    public <T> T call(Supplier<? extends CompletableFuture<T>> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        runtime.shard(0).execute(runtime.group(ShardRuntime.STATEMENT), () -> {
            try {
                step.get().whenComplete((v, e) -> {
                    if (e != null) result.completeExceptionally(e);
                    else result.complete(v);
                });
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new RuntimeException(cause);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** Runs a synchronous step on shard 0. */
    public <T> T get(Supplier<T> step) {
        return call(() -> CompletableFuture.completedFuture(step.get()));
    }

    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
