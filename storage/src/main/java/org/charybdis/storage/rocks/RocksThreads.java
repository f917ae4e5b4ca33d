package org.charybdis.storage.rocks;

import org.rocksdb.Env;
import org.rocksdb.Priority;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * RocksDB's background threads, shared by every instance of the process. The compaction filter's upcalls attach them
 * to the JVM, and an attached thread that ends after the JVM began to exit blocks forever, while the exiting JVM, whose
 * last step runs RocksDB's static destructors, waits for it: so when the last instance closes, the pools shrink to
 * nothing and this waits (briefly) for the threads to end while the JVM still runs. Opening an instance grows them again
 * ({@code max_background_jobs}).
 */
final class RocksThreads {
    private static final Priority[] POOLS = {Priority.LOW, Priority.HIGH, Priority.BOTTOM};
    private static int openInstances;

    private RocksThreads() {}

    static synchronized void instanceOpened() {
        openInstances++;
    }

    static synchronized void instanceClosed() {
        if (--openInstances > 0) return;
        for (Priority pool : POOLS) Env.getDefault().setBackgroundThreads(0, pool);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (anyAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether a thread RocksDB named ("rocksdb:low", "rocksdb:high", ...) still runs in this process. */
    private static boolean anyAlive() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.anyMatch(task -> {
                try {
                    return Files.readString(task.resolve("comm")).startsWith("rocksdb:");
                } catch (IOException e) {
                    return false; // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return false; // no /proc: nothing to wait on
        }
    }
}
