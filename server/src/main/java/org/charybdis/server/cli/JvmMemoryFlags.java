package org.charybdis.server.cli;

import org.charybdis.server.config.MemoryBudget;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags that make the process fit its {@link MemoryBudget}: the heap's maximum; the direct memory, which
 * holds the memtables' native slabs and Netty's and the writers' buffers, so that none of them outgrows its
 * budget unseen; caps on metaspace and the code cache, which normally use a fraction of them; and ZGC giving heap
 * it has not used for 30 s back to the system (instead of 5 minutes).
 *
 * <p>A flag the user gives (CHARYBDIS_JVM_OPTS) wins: the computed one is left out, and a heap size the user gives
 * leaves out the other heap flags with it.
 */
final class JvmMemoryFlags {
    static final long MAX_METASPACE = 256L << 20;
    static final long RESERVED_CODE_CACHE = 128L << 20;
    static final int UNCOMMIT_DELAY_SECONDS = 30;
    /** Flags that size the heap: any of them from the user, and the computed maximum could contradict it. */
    private static final List<String> HEAP_FLAGS = List.of("-Xmx", "-XX:MaxHeapSize=", "-Xms", "-XX:InitialHeapSize=", "-XX:MinHeapSize=");

    private JvmMemoryFlags() {}

    /** The flags for {@code budget}, without those {@code userFlags} set themselves. */
    static List<String> of(MemoryBudget budget, List<String> userFlags) {
        boolean userSizesHeap = userFlags.stream().anyMatch(JvmMemoryFlags::isHeapFlag);
        List<String> flags = new ArrayList<>();
        if (!userSizesHeap) flags.add("-Xmx" + mebibytes(budget.heap()));
        flags.add("-XX:MaxDirectMemorySize=" + mebibytes(budget.maxDirectMemory()));
        flags.add("-XX:MaxMetaspaceSize=" + mebibytes(MAX_METASPACE));
        flags.add("-XX:ReservedCodeCacheSize=" + mebibytes(RESERVED_CODE_CACHE));
        flags.add("-XX:ZUncommitDelay=" + UNCOMMIT_DELAY_SECONDS);
        flags.removeIf(flag -> userFlags.stream().anyMatch(user -> name(user).equals(name(flag))));
        return flags;
    }

    private static boolean isHeapFlag(String flag) {
        return HEAP_FLAGS.stream().anyMatch(flag::startsWith);
    }

    /** What identifies a flag whatever its value: {@code -XX:MaxDirectMemorySize} of {@code -XX:MaxDirectMemorySize=1g}. */
    private static String name(String flag) {
        int equals = flag.indexOf('=');
        return equals < 0 ? flag : flag.substring(0, equals);
    }

    private static String mebibytes(long bytes) {
        return (bytes >> 20) + "m";
    }
}
