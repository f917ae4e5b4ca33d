package org.charybdis.storage.rocks;

import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.UploadedData;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;

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
 * An SST file of a RocksDB table's snapshot put in a table's upload directory: read key by key (its keys are in
 * partition order, a partition's header before its rows) and handed over partition by partition as updates, so a
 * RocksDB snapshot loads into a table of either engine, on any shard count. The file is read with RocksDB's blocking
 * calls, on the thread of the shard that loads it.
 */
public final class UploadedRocksFile implements UploadedData {
    static {
        org.rocksdb.RocksDB.loadLibrary();
    }

    private final Options options = new Options();
    private final ReadOptions readOptions = new ReadOptions();
    private final SstFileReader reader;
    private final SstFileReaderIterator keys;
    private final int clusteringSize;
    private final IntUnaryOperator columns;

    private UploadedRocksFile(Path file, TableLayout layout, IntUnaryOperator columns) throws RocksDBException {
        this.reader = new SstFileReader(options);
        reader.open(file.toString());
        this.keys = reader.newIterator(readOptions);
        keys.seekToFirst();
        this.clusteringSize = layout.clusteringComparator().size();
        this.columns = columns;
    }

    /** The RocksDB SST files anywhere under the upload directory (a snapshot's {@code shard-<n>} directories as they are). */
    public static List<Path> find(Path uploadDirectory) throws IOException {
        if (!Files.isDirectory(uploadDirectory)) return List.of();
        try (Stream<Path> files = Files.walk(uploadDirectory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    /** Opens the file for loading into {@code layout}'s table; {@code columns} maps stored column ids to the table's (negative: left out). */
    public static CompletableFuture<UploadedData> open(Path file, TableLayout layout, IntUnaryOperator columns) {
        try {
            return CompletableFuture.completedFuture(new UploadedRocksFile(file, layout, columns));
        } catch (RocksDBException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("not a RocksDB SST file of a table: " + e.getMessage(), e));
        }
    }

    @Override
    public CompletableFuture<List<PartitionUpdate>> next() {
        try {
            while (keys.isValid() && !RocksKeys.isData(keys.key())) keys.next(); // the table's meta keys
            if (!keys.isValid()) {
                keys.status();
                return CompletableFuture.completedFuture(null);
            }
            DecoratedKey partition = RocksKeys.partitionOf(keys.key());
            StoredValues.Header header = StoredValues.Header.EMPTY;
            if (RocksKeys.isHeader(keys.key())) {
                header = StoredValues.header(keys.value(), clusteringSize);
                keys.next();
            }
            List<Row> rows = new ArrayList<>();
            while (keys.isValid() && RocksKeys.isData(keys.key()) && RocksKeys.partitionOf(keys.key()).equals(partition)) {
                rows.add(StoredValues.row(keys.value(), clusteringSize));
                keys.next();
            }
            return CompletableFuture.completedFuture(UploadedData.updatesOf(new Loaded(partition, header, rows), columns));
        } catch (RocksDBException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A partition as the file holds it, all its rows read (they are written again in order, whole). */
    private record Loaded(DecoratedKey key, StoredValues.Header header, List<Row> rowList) implements PartitionFragment {
        @Override
        public DeletionTime partitionDeletion() { return header.partitionDeletion(); }

        @Override
        public List<RangeTombstone> rangeTombstones() { return header.rangeTombstones(); }

        @Override
        public Row staticRow() { return header.staticRow(); }

        @Override
        public Iterator<Row> rows(Slice slice, boolean reversed) {
            if (!slice.equals(Slice.ALL) || reversed) throw new IllegalArgumentException("an uploaded partition is read whole, in order");
            return rowList.iterator();
        }
    }

    @Override
    public void close() {
        keys.close();
        reader.close();
        readOptions.close();
        options.close();
    }
}
