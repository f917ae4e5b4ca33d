package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Writer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code charybdis unload}: writes a table's rows to CSV or JSON as DSBulk does (its option names, its value formats),
 * for {@code charybdis load} or DSBulk to read back. Exit codes: 0 done, 1 it failed, 2 bad options.
 */
@Command(name = "unload", sortOptions = false, description = {"Write a table's rows to CSV or JSON lines (DSBulk's options and formats).", "",
        "  bin/charybdis unload -k shop -t orders -url orders.csv", "  bin/charybdis unload -k shop -t orders -c json -url export/", ""},
        footer = {"", "Exit codes: 0 done, 1 it failed, 2 bad options."})
public final class UnloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BulkOptions options;

    @Option(names = "--page-size", paramLabel = "<rows>", defaultValue = "1000", description = "Rows a page (default: ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() {
        BulkRun run = new BulkRun("unload", spec.commandLine().getErr());
        return run.execute(() -> {
            DataFormat format = options.format();
            CsvFormat csv = new CsvFormat(options.delimiterChar());
            try (CqlSession session = options.open("unload")) {
                TableMetadata table = options.table(session);
                List<ColumnMetadata> columns = List.copyOf(table.getColumns().values());
                String select = "SELECT " + columns.stream().map(c -> c.getName().asCql(true)).collect(Collectors.joining(", "))
                        + " FROM " + table.getKeyspace().asCql(true) + "." + table.getName().asCql(true);
                long rows = 0;
                try (Writer out = DataFiles.output(options.url, format)) {
                    RecordWriter writer = RecordWriter.of(format, out, columns, csv, options.header);
                    for (Row row : session.execute(SimpleStatement.newInstance(select).setPageSize(pageSize))) {
                        writer.write(row);
                        rows++;
                    }
                }
                return "unloaded " + rows + " rows of " + options.keyspace + "." + options.table + " to " + options.url;
            }
        });
    }
}
