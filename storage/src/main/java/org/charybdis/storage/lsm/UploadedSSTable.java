package org.charybdis.storage.lsm;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.ComplexDeletion;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.PartitionScanner;
import org.charybdis.storage.sstable.SSTableContext;
import org.charybdis.storage.sstable.SSTableFiles;
import org.charybdis.storage.sstable.SSTableReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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
public final class UploadedSSTable implements AutoCloseable {
    /** A partition larger than this is written as several updates, so none outgrows a commitlog entry. */
    static final long UPDATE_BYTES = 256 << 10;

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

    /** The next partition as one or more updates; null after the last. */
    public CompletableFuture<List<PartitionUpdate>> next() {
        return scanner.next().thenApply(partition -> partition == null ? null : updatesOf(partition));
    }

    private List<PartitionUpdate> updatesOf(PartitionFragment partition) {
        List<PartitionUpdate> updates = new ArrayList<>(1);
        PartitionUpdate.Builder builder = PartitionUpdate.builder(partition.key());
        DeletionTime deletion = partition.partitionDeletion();
        if (!deletion.isLive()) builder.deletePartition(deletion.markedForDeleteAt(), deletion.localDeletionTime());
        for (RangeTombstone range : partition.rangeTombstones()) {
            builder.deleteRange(range.slice(), range.deletion().markedForDeleteAt(), range.deletion().localDeletionTime());
        }
        if (partition.staticRow() != null) copy(partition.staticRow(), builder.staticRow());
        long bytes = 0;
        for (Iterator<Row> rows = partition.rows(Slice.ALL, false); rows.hasNext(); ) {
            Row row = rows.next();
            copy(row, builder.row(row.clustering()));
            bytes += row.dataSize();
            if (bytes >= UPDATE_BYTES && rows.hasNext()) {
                updates.add(builder.build());
                builder = PartitionUpdate.builder(partition.key());
                bytes = 0;
            }
        }
        updates.add(builder.build());
        return updates;
    }

    private void copy(Row row, RowUpdate into) {
        if (!row.liveness().isEmpty()) into.liveness(row.liveness());
        if (!row.deletion().isLive()) into.delete(row.deletion().markedForDeleteAt(), row.deletion().localDeletionTime());
        for (ComplexDeletion complex : row.complexDeletions()) {
            int column = columns.applyAsInt(complex.column());
            if (column >= 0) into.deleteComplex(column, complex.deletion().markedForDeleteAt(), complex.deletion().localDeletionTime());
        }
        for (Cell cell : row.cells()) {
            int column = columns.applyAsInt(cell.column());
            if (column < 0) continue;
            into.add(column == cell.column() ? cell
                    : new Cell(column, cell.path(), cell.value(), cell.timestamp(), cell.ttl(), cell.localDeletionTime()));
        }
    }

    /** Closes the files; they stay on disk. */
    @Override
    public void close() {
        reader.release();
    }
}
