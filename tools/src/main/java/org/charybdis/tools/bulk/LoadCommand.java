package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code charybdis load}: writes CSV or JSON records (as {@code unload} or DSBulk writes them) into a table. A field
 * with no value is left unset (no tombstone), as DSBulk does; a counter table's values are added
 * ({@code UPDATE ... SET c = c + value}). The first bad record stops the load, naming its file and line.
 * Exit codes: 0 done, 1 it failed, 2 bad options.
 */
@Command(name = "load", sortOptions = false, description = {"Write CSV or JSON lines into a table (DSBulk's options and formats).", "",
        "  bin/charybdis load -k shop -t orders -url orders.csv", "  bin/charybdis load -k shop -t orders -c json -url export/", ""},
        footer = {"", "Exit codes: 0 done, 1 it failed (the first bad record is named with its file", "and line), 2 bad options."})
public final class LoadCommand implements Callable<Integer> {
    /** Writes in flight: enough to hide the server's latency. */
    private static final int WRITES_IN_FLIGHT = 64;

    @Spec
    CommandSpec spec;

    @Mixin
    BulkOptions options;

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() {
        return new BulkRun("load", spec.commandLine().getErr()).execute(() -> {
            DataFormat format = options.format();
            CsvFormat csv = new CsvFormat(options.delimiterChar());
            List<Path> files = DataFiles.inputs(options.url, format);
            try (CqlSession session = options.open("load")) {
                TableMetadata table = options.table(session);
                TableWrites write = new TableWrites(session, table);
                long records = 0;
                if (files.isEmpty()) {
                    records = load(session, write, RecordReader.of(format, "stdin", DataFiles.standardInput(), table, csv, options.header));
                }
                for (Path file : files) {
                    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        records += load(session, write, RecordReader.of(format, file.toString(), in, table, csv, options.header));
                    }
                }
                return "loaded " + records + " records into " + options.keyspace + "." + options.table + " from " + options.url;
            }
        });
    }

    private static long load(CqlSession session, TableWrites writes, RecordReader reader) throws IOException, InterruptedException {
        Semaphore inFlight = new Semaphore(WRITES_IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<ColumnMetadata> columns = reader.columns();
        long records = 0;
        try {
            for (Object[] values = reader.next(); values != null && failure.get() == null; values = reader.next()) {
                BoundStatementBuilder builder = writes.statementFor(values, reader.where()).boundStatementBuilder();
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null) builder.set(columns.get(i).getName(), values[i], codec(columns.get(i)));
                }
                inFlight.acquire();
                session.executeAsync(builder.build()).whenComplete((result, error) -> {
                    if (error != null) failure.compareAndSet(null, error);
                    inFlight.release();
                });
                records++;
            }
        } finally {
            inFlight.acquire(WRITES_IN_FLIGHT);
        }
        if (failure.get() != null) throw new BulkRun.Failure("the server refused a write: " + failure.get().getMessage());
        return records;
    }

    private static TypeCodec<Object> codec(ColumnMetadata column) {
        return CodecRegistry.DEFAULT.codecFor(column.getType());
    }
}
