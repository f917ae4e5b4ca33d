package org.charybdis.server.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The node's record in its data directory of how its data is laid out. Each shard owns the tokens ScyllaDB's
 * sharding gives it, and its files and commitlog hold only those, so the same data directory must be started
 * with the same number of shards (there is no resharding yet). Runs at start-up, off the shard threads.
 */
public final class NodeDirectory {
    static final String FILE = "node.properties";

    private NodeDirectory() {}

    /** Records {@code smp} on first start; refuses to start with another shard count later. */
    public static void checkShardCount(Path dataDirectory, int smp) {
        Path file = dataDirectory.resolve(FILE);
        try {
            Files.createDirectories(dataDirectory);
            if (Files.exists(file)) {
                Properties properties = new Properties();
                try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                String recorded = properties.getProperty("smp");
                if (recorded == null) throw new IllegalStateException(file + " is damaged: it has no smp entry");
                if (Integer.parseInt(recorded.trim()) != smp) {
                    throw new IllegalStateException("The data in " + dataDirectory + " was written with smp=" + recorded.trim()
                            + ": start with --smp=" + recorded.trim() + " (changing the shard count of existing data is not supported)");
                }
                return;
            }
            Path temporary = dataDirectory.resolve(FILE + ".tmp");
            Files.writeString(temporary, "# written by Charybdis: the shard count this data is laid out for\nsmp=" + smp + "\n", StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + dataDirectory + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " is damaged: " + e.getMessage());
        }
    }
}
