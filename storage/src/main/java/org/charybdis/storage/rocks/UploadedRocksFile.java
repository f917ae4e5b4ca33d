package org.charybdis.storage.rocks;

import org.charybdis.storage.data.PartitionUpdate;
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
            List<byte[]> rowKeys = new ArrayList<>();
            while (keys.isValid() && RocksKeys.isData(keys.key()) && RocksKeys.partitionOf(keys.key()).equals(partition)) {
                rowKeys.add(keys.key());
                rows.add(StoredValues.row(keys.value(), clusteringSize));
                keys.next();
            }
            // the partition whole, in order: one batch of rows, then none
            RocksPartition loaded = new RocksPartition(partition, header, (key, slice, reversed, from, keysRead) -> {
                if (from != null) return List.of();
                keysRead.addAll(rowKeys);
                return rows;
            });
            return CompletableFuture.completedFuture(UploadedData.updatesOf(loaded, columns));
        } catch (RocksDBException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
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
