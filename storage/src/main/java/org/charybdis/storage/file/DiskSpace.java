package org.charybdis.storage.file;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Telling a full disk from other IO failures, and saying which directory it hit. The JDK reports ENOSPC and
 * EDQUOT only as an {@link IOException} carrying the system's message, so that message is what is matched.
 */
public final class DiskSpace {
    private static final String NO_SPACE = "No space left on device";
    private static final String QUOTA = "Disk quota exceeded";

    private DiskSpace() {}

    /** Whether the failure, or one of its causes, is the file system running out of space (or quota). */
    public static boolean isOutOfSpace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!(t instanceof IOException)) continue;
            String message = t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : t.getMessage();
            if (message != null && (message.contains(NO_SPACE) || message.contains(QUOTA))) return true;
        }
        return false;
    }

    /**
     * The failure in a few words with the directory it hit, for messages and logs: "no space left on device in
     * /var/lib/charybdis/commitlog", or the innermost cause's own message.
     */
    public static String describe(Throwable failure, Path directory) {
        if (isOutOfSpace(failure)) return "no space left on device in " + directory;
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        return cause + " in " + directory;
    }

    /**
     * Fails with the system's ENOSPC message when the file system of {@code directory} has less than {@code bytes}
     * usable: a check before writing a large file, so a full disk costs a system call instead of writing a file
     * that is deleted again. Blocking: run it on an IO thread.
     */
    public static void requireUsable(Path directory, long bytes) throws IOException {
        long usable = Files.getFileStore(directory).getUsableSpace();
        if (usable < bytes) {
            throw new IOException(NO_SPACE + " (" + usable + " bytes usable in " + directory + ", " + bytes + " needed)");
        }
    }
}
