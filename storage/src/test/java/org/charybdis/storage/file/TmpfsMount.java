package org.charybdis.storage.file;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs for tests that need a disk that really fills up: writes beyond its size fail with the kernel's
 * ENOSPC, as on a full production disk. Mounted with {@code mount} as root, else with {@code sudo -n mount}; where
 * neither works (no privileges, a container without CAP_SYS_ADMIN) the test is skipped with the reason.
 */
public final class TmpfsMount implements AutoCloseable {
    private static final int FILL_CHUNK = 1 << 20;

    private final Path path;
    private final boolean sudo;

    private TmpfsMount(Path path, boolean sudo) {
        this.path = path;
        this.sudo = sudo;
    }

    /** Mounts a tmpfs of {@code bytes} on {@code directory} (created if missing), or skips the calling test. */
    public static TmpfsMount mount(Path directory, long bytes) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> mount = List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", directory.toString());
        String asIs = run(mount, false);
        if (asIs == null) return new TmpfsMount(directory, false);
        String withSudo = run(mount, true);
        if (withSudo == null) return new TmpfsMount(directory, true);
        return Assumptions.abort("this test needs a small tmpfs to fill up, and this machine cannot mount one (mount: " + asIs
                + "; sudo -n mount: " + withSudo + "); run it as root or with passwordless sudo");
    }

    public Path path() { return path; }

    /** Bytes a new file may still take. */
    public long usable() {
        try {
            return Files.getFileStore(path).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a filler file (not sparse) that leaves about {@code leaveBytes} usable, or less if something else
     * writes meanwhile (the disk is then full); returns it. Delete it to free the space.
     */
    public Path fill(String name, long leaveBytes) {
        Path filler = path.resolve(name);
        ByteBuffer chunk = ByteBuffer.allocateDirect(FILL_CHUNK);
        while (chunk.hasRemaining()) chunk.put((byte) 0x5a);
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long toWrite = usable() - leaveBytes;
            while (toWrite > 0) {
                chunk.clear().limit((int) Math.min(FILL_CHUNK, toWrite));
                toWrite -= out.write(chunk);
            }
        } catch (IOException e) {
            if (!DiskSpace.isOutOfSpace(e)) throw new UncheckedIOException("cannot fill " + path, e);
        }
        return filler;
    }

    /** Unmounts (lazily if something still holds a file open there, e.g. a killed child's leftovers). */
    @Override
    public void close() {
        String error = run(List.of("umount", path.toString()), sudo);
        if (error != null) run(List.of("umount", "-l", path.toString()), sudo);
    }

    /** Runs the command; null when it succeeded, else what it printed. */
    private static String run(List<String> command, boolean sudo) {
        List<String> full = new ArrayList<>();
        if (sudo) full.addAll(List.of("sudo", "-n"));
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", full) + " did not finish within 30 s";
            }
            String output = new String(process.getInputStream().readAllBytes()).strip();
            return process.exitValue() == 0 ? null : output.isEmpty() ? "exit code " + process.exitValue() : output;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
