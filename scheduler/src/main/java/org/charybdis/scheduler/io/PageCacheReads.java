package org.charybdis.scheduler.io;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads the page cache can answer at once, made on the calling thread with Linux's {@code preadv2(RWF_NOWAIT)}:
 * the kernel copies the bytes if every page is cached and refuses (EAGAIN) rather than touch the disk, so a shard
 * may read hot files itself instead of handing the read to an IO thread and waiting for a wake-up. Such a read
 * costs no disk time, only the copy, which the shard's scheduler charges to the group that asked.
 * <p>
 * Reads go through a native buffer of {@link #MAX_BYTES} owned by one thread (the shard's), then into the caller's
 * heap buffer, as a FileChannel read does. Elsewhere than Linux, or if the C library lacks preadv2, nothing is
 * read here and every read takes the IO threads.
 */
final class PageCacheReads {
    /** The largest read tried here: a scan's data window (256 KiB of chunks) with room to spare. */
    static final int MAX_BYTES = 512 * 1024;

    private static final int RWF_NOWAIT = 0x8;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int EOPNOTSUPP = 95;
    private static final StructLayout IOVEC = MemoryLayout.structLayout(ValueLayout.ADDRESS.withName("base"), ValueLayout.JAVA_LONG.withName("length"));
    private static final VarHandle IOVEC_BASE = IOVEC.varHandle(MemoryLayout.PathElement.groupElement("base"));
    private static final VarHandle IOVEC_LENGTH = IOVEC.varHandle(MemoryLayout.PathElement.groupElement("length"));
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Native NATIVE = Native.load();

    private final Arena arena = Arena.ofAuto(); // freed with this object
    private MemorySegment buffer;
    private MemorySegment iovec;
    private MemorySegment callState;
    private volatile boolean refused; // the file system does not take RWF_NOWAIT: stop trying

    /** True when this platform can read from the page cache without blocking. */
    static boolean available() {
        return NATIVE != null;
    }

    /** A descriptor of the file for {@link #tryRead}, or -1 when unavailable (reads then take the IO threads). */
    static int open(Path path) {
        if (NATIVE == null) return -1;
        try (Arena scratch = Arena.ofConfined()) {
            return (int) NATIVE.open.invokeExact(scratch.allocateFrom(path.toString()), O_RDONLY_CLOEXEC);
        } catch (Throwable t) {
            return -1;
        }
    }

    static void close(int fd) {
        if (fd < 0 || NATIVE == null) return;
        try {
            int ignored = (int) NATIVE.close.invokeExact(fd);
        } catch (Throwable ignored) {
            // nothing more to do with a descriptor that will not close
        }
    }

    /**
     * Owner thread: fills {@code dst} from {@code position} if the page cache holds every byte of it; returns false,
     * with {@code dst} untouched, when it does not (or on any error: the IO threads then read and report it).
     */
    boolean tryRead(int fd, ByteBuffer dst, long position) {
        int wanted = dst.remaining();
        if (fd < 0 || NATIVE == null || refused || wanted > MAX_BYTES || wanted == 0) return false;
        if (buffer == null) {
            buffer = arena.allocate(MAX_BYTES, 4096);
            iovec = arena.allocate(IOVEC);
            callState = arena.allocate(CALL_STATE);
        }
        IOVEC_BASE.set(iovec, 0L, buffer);
        IOVEC_LENGTH.set(iovec, 0L, (long) wanted);
        long read;
        try {
            read = (long) NATIVE.preadv2.invokeExact(callState, fd, iovec, 1, position, RWF_NOWAIT);
        } catch (Throwable t) {
            return false;
        }
        if (read < 0 && (int) ERRNO.get(callState, 0L) == EOPNOTSUPP) refused = true;
        if (read != wanted) return false; // not all cached, the end of the file, or an error
        MemorySegment.copy(buffer, 0, MemorySegment.ofBuffer(dst), 0, wanted);
        dst.position(dst.position() + wanted);
        return true;
    }

    /** The C library's functions, or null where they are missing. */
    private record Native(MethodHandle open, MethodHandle close, MethodHandle preadv2) {
        static Native load() {
            if (!System.getProperty("os.name", "").startsWith("Linux")) return null;
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                MemorySegment preadv2 = libc.find("preadv2").orElse(null);
                MemorySegment open = libc.find("open").orElse(null);
                MemorySegment close = libc.find("close").orElse(null);
                if (preadv2 == null || open == null || close == null) return null;
                return new Native(
                        // open(2) is variadic; called without a mode, as for O_RDONLY
                        linker.downcallHandle(open, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT)),
                        linker.downcallHandle(close, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)),
                        linker.downcallHandle(preadv2, FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), Linker.Option.captureCallState("errno")));
            } catch (Throwable t) { // no native access allowed, or an unusual platform
                return null;
            }
        }
    }
}
