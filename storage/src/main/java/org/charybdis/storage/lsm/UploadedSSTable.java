package org.charybdis.storage.lsm;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.UploadedData;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.PartitionScanner;
import org.charybdis.storage.sstable.SSTableContext;
import org.charybdis.storage.sstable.SSTableFiles;
import org.charybdis.storage.sstable.SSTableReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

/**
 * An SSTable a user put in a table's upload directory ({@code nodetool refresh}), read partition by partition as the
 * updates that write its content again: deletions, TTLs and timestamps as stored, cells under the column ids of the
 * table they are loaded into. Its partitions may belong to any shard (it may come from a snapshot taken with another
 * shard count), so the caller sends each update to its owner's write path. Used on the thread of the shard whose IO
 * queue reads it.
 */
public final class UploadedSSTable implements UploadedData {
    /** Where an uploaded SSTable is: its directory and generation. */
    public record Location(Path directory, long generation) {
        public SSTableFiles files() {
            return new SSTableFiles(directory, generation);
        }
    }

    private final SSTableReader reader;
    private final PartitionScanner scanner;
    private final IntUnaryOperator columns;

    private UploadedSSTable(SSTableReader reader, IntUnaryOperator columns) {
        this.reader = reader;
        this.scanner = reader.scanner(TokenRange.FULL_RING, null, IoClass.MAINTENANCE);
        this.columns = columns;
    }

    /**
     * The complete SSTables (TOC present) anywhere under the upload directory, so a snapshot's {@code shard-<n>}
     * directories can be copied in as they are. Blocking.
     */
    public static List<Location> find(Path uploadDirectory) throws IOException {
        if (!Files.isDirectory(uploadDirectory)) return List.of();
        List<Location> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(uploadDirectory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                SSTableFiles.Parsed name = SSTableFiles.parse(file.getFileName().toString());
                if (name != null && !name.temporary() && name.component() == Component.TOC) {
                    found.add(new Location(file.getParent(), name.generation()));
                }
            }
        }
        return found;
    }

    /**
     * Opens the SSTable for loading into {@code layout}'s table; {@code columns} maps each column id stored in it to the
     * table's id of that column, or to a negative number for a column the table does not have (its cells are left out).
     */
    public static CompletableFuture<UploadedSSTable> open(Location location, TableLayout layout, IntUnaryOperator columns, IoQueue io) {
        SSTableContext context = new SSTableContext(location.directory(), "upload of " + layout.qualifiedName(),
                layout.clusteringComparator(), io, null);
        return SSTableReader.open(context, location.generation(), IoClass.MAINTENANCE).thenApply(reader -> new UploadedSSTable(reader, columns));
    }

    @Override
    public CompletableFuture<List<PartitionUpdate>> next() {
        return scanner.next().thenApply(partition -> partition == null ? null : UploadedData.updatesOf(partition, columns));
    }

    /** Closes the files; they stay on disk. */
    @Override
    public void close() {
        reader.release();
    }
}
