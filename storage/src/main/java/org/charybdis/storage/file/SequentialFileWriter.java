package org.charybdis.storage.file;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one new file front to back the way disks like it: bytes are gathered into 128 KiB buffers issued as
 * 4 KiB-aligned writes through the shard's {@link IoQueue}; the file grows by truncation in 16 MiB steps
 * (never one small extension per write) and is trimmed to its real length at the end. Writing never blocks:
 * when more than a few buffers are in flight, {@link #mustWait()} turns true and {@link #whenWritable()}
 * says when to go on, which bounds memory.
 * <p>
 * Single-threaded: use it from one shard's thread (its IO completions come back there).
 */
public final class SequentialFileWriter {
    public static final int WRITE_SIZE = 128 * 1024;
    public static final int ALIGNMENT = 4096;
    public static final long GROWTH_STEP = 16L * 1024 * 1024;
    private static final int MAX_IN_FLIGHT = 4;

    private final Path path;
    private final RandomAccessFile file;
    private final IoQueue io;
    private final IoClass ioClass;
    private final ArrayDeque<ByteBuffer> freeBuffers = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private ByteBuffer current;
    private long bufferStart;
    private long allocated;
    private Throwable failure;
    private boolean closed;

    private SequentialFileWriter(Path path, RandomAccessFile file, IoQueue io, IoClass ioClass) {
        this.path = path;
        this.file = file;
        this.io = io;
        this.ioClass = ioClass;
    }

    /** Creates (or empties) the file. */
    public static CompletableFuture<SequentialFileWriter> create(Path path, IoQueue io, IoClass ioClass) {
        return io.submit(ioClass, 0, () -> {
            RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
            try {
                file.setLength(0);
            } catch (IOException e) {
                file.close();
                throw e;
            }
            return new SequentialFileWriter(path, file, io, ioClass);
        });
    }

    public Path path() { return path; }

    /** Bytes written so far (the file's final length if finished now). */
    public long position() {
        return bufferStart + (current == null ? 0 : current.position());
    }

    public void write(byte[] src, int offset, int length) {
        checkOpen();
        while (length > 0) {
            if (current == null) current = takeBuffer();
            int n = Math.min(length, current.remaining());
            current.put(src, offset, n);
            offset += n;
            length -= n;
            if (!current.hasRemaining()) issueCurrent();
        }
    }

    public void write(byte[] src) {
        write(src, 0, src.length);
    }

    public void writeInt(int value) {
        checkOpen();
        if (current == null) current = takeBuffer();
        if (current.remaining() >= 4) {
            current.putInt(value);
            if (!current.hasRemaining()) issueCurrent();
        } else {
            write(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        }
    }

    /** True when enough writes are in flight that the caller should wait for {@link #whenWritable()}. */
    public boolean mustWait() {
        return inFlight.size() >= MAX_IN_FLIGHT || failure != null;
    }

    /** Completes once fewer than the in-flight limit of writes are pending (fails if a write failed). */
    public CompletableFuture<Void> whenWritable() {
        if (failure != null) return CompletableFuture.failedFuture(failure);
        if (inFlight.size() < MAX_IN_FLIGHT) return CompletableFuture.completedFuture(null);
        return inFlight.peekFirst().thenCompose(v -> whenWritable());
    }

    /**
     * Writes the tail (padded to the alignment, then trimmed), waits for every write, trims the file to
     * {@link #position()}, fsyncs and closes it. The file is closed even when this fails (a full disk), so that
     * deleting it gives its space back; deleting it is the caller's choice.
     */
    public CompletableFuture<Void> finish() {
        checkOpen();
        long length = position();
        if (current != null && current.position() > 0) issue(current, true);
        current = null;
        closed = true;
        CompletableFuture<Void> finished = allWritten().thenCompose(v -> io.submit(ioClass, 0, () -> {
            try (file) {
                file.setLength(length);
                file.getChannel().force(true);
            }
            return null;
        }));
        return finished.exceptionallyCompose(this::closeAfter);
    }

    /** Stops writing, closes and deletes the file; never fails because of earlier write errors. */
    public CompletableFuture<Void> abort() {
        closed = true;
        current = null;
        return allWritten().handle((v, e) -> null).thenCompose(v -> io.submit(ioClass, 0, () -> {
            try {
                file.close();
            } finally {
                Files.deleteIfExists(path);
            }
            return null;
        }));
    }

    private CompletableFuture<Void> closeAfter(Throwable failure) {
        return io.<Void>submit(ioClass, 0, () -> {
            file.close();
            return null;
        }).handle((v, e) -> null).thenCompose(v -> CompletableFuture.<Void>failedFuture(failure));
    }

    private CompletableFuture<Void> allWritten() {
        if (failure != null) return CompletableFuture.failedFuture(failure);
        return CompletableFuture.allOf(inFlight.toArray(new CompletableFuture[0]));
    }

    private void issueCurrent() {
        ByteBuffer full = current;
        current = null;
        issue(full, false);
    }

    private void issue(ByteBuffer buffer, boolean tail) {
        int used = buffer.position();
        int padded = tail ? roundUp(used, ALIGNMENT) : used;
        while (buffer.position() < padded) buffer.put((byte) 0);
        buffer.flip();
        long at = bufferStart;
        bufferStart += used;
        long end = at + padded;
        long grow = 0;
        if (end > allocated) {
            grow = roundUp(end, GROWTH_STEP);
            allocated = grow;
        }
        long growTo = grow;
        CompletableFuture<Void> write = io.submitWrite(ioClass, file, at, padded, () -> {
            // Growing by truncation in large steps keeps the file's extent allocation out of every write.
            if (growTo > 0 && file.length() < growTo) file.setLength(growTo);
            var channel = file.getChannel();
            long position = at;
            while (buffer.hasRemaining()) position += channel.write(buffer, position);
            return null;
        });
        // Waiters get a future completed after the bookkeeping, so they never see a finished write still in flight.
        CompletableFuture<Void> tracked = new CompletableFuture<>();
        inFlight.addLast(tracked);
        write.whenComplete((v, error) -> {
            inFlight.remove(tracked);
            if (error != null && failure == null) failure = error;
            buffer.clear();
            freeBuffers.addLast(buffer);
            if (error != null) tracked.completeExceptionally(error);
            else tracked.complete(null);
        });
    }

    private ByteBuffer takeBuffer() {
        ByteBuffer buffer = freeBuffers.pollFirst();
        return buffer != null ? buffer : ByteBuffer.allocateDirect(WRITE_SIZE);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException(path + " is already finished or aborted");
    }

    private static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
