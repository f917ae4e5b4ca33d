package org.charybdis.storage.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Damages files on purpose, as a failing disk or a stray write would: bytes inverted in place. */
public final class FileDamage {
    private FileDamage() {}

    /** Inverts count bytes from offset. */
    public static void flipBytes(Path file, long offset, int count) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.allocate(count);
            channel.read(bytes, offset);
            for (int i = 0; i < count; i++) bytes.put(i, (byte) ~bytes.get(i));
            channel.write(bytes.flip(), offset);
        }
    }

    /** Inverts 16 bytes in the middle of the file's first length bytes; returns where they start. */
    public static long flipSixteenBytesInTheMiddle(Path file, long length) throws IOException {
        long at = length / 2;
        flipBytes(file, at, 16);
        return at;
    }

    /** Inverts 16 bytes in the middle of the file; returns where they start. */
    public static long flipSixteenBytesInTheMiddle(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return flipSixteenBytesInTheMiddle(file, channel.size());
        }
    }
}
