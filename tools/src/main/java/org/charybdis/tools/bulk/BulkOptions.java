package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import org.charybdis.tools.cql.Credentials;
import org.charybdis.tools.cql.SessionFactory;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;

/**
 * The options {@code unload} and {@code load} share, named as DSBulk names them (short and long forms): the server,
 * the table, the data's location and format.
 */
final class BulkOptions {
    @Option(names = {"-k", "--keyspace", "--schema.keyspace"}, required = true, paramLabel = "<keyspace>", description = "The table's keyspace")
    String keyspace;

    @Option(names = {"-t", "--table", "--schema.table"}, required = true, paramLabel = "<table>", description = "The table")
    String table;

    @Option(names = {"-url", "--url", "--connector.csv.url", "--connector.json.url"}, paramLabel = "<file|dir|->", defaultValue = "-",
            description = "A file, a directory (unload writes output-000001.csv there; load reads every .csv or .json file in it), or - for"
                    + " standard output or input (default: -)")
    String url;

    @Option(names = {"-c", "--connector.name"}, paramLabel = "csv|json", defaultValue = "csv",
            description = "csv, or json for one JSON object a line (default: ${DEFAULT-VALUE})")
    String connector;

    @Option(names = {"-header", "--header", "--connector.csv.header"}, arity = "0..1", paramLabel = "true|false", defaultValue = "true",
            fallbackValue = "true", description = "CSV: whether the first line names the columns (default: ${DEFAULT-VALUE}); without it, fields follow the table's column order")
    boolean header;

    @Option(names = {"-delim", "--delimiter", "--connector.csv.delimiter"}, paramLabel = "<char>", defaultValue = ",",
            description = "CSV: the field delimiter, one character; \\t for a tab (default: ${DEFAULT-VALUE})")
    String delimiter;

    @Option(names = {"-h", "--host", "--driver.basic.contact-points"}, paramLabel = "<host>", defaultValue = "127.0.0.1",
            description = "The server (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-port", "--port", "--driver.basic.default-port"}, paramLabel = "<port>", defaultValue = "9042",
            description = "Its CQL port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"-u", "--username"}, paramLabel = "<role>", description = "Role to log in as")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "<password>", description = "Password of --username")
    String password;

    @Option(names = "--dc", paramLabel = "<name>", description = "The server's datacenter (default: the --host node's)")
    String datacenter;

    DataFormat format() {
        return switch (connector.toLowerCase(Locale.ROOT)) {
            case "csv" -> DataFormat.CSV;
            case "json" -> DataFormat.JSON;
            default -> throw new IllegalArgumentException("--connector.name must be csv or json, not " + connector);
        };
    }

    char delimiterChar() {
        String text = delimiter.equals("\\t") ? "\t" : delimiter;
        if (text.length() != 1) throw new IllegalArgumentException("-delim must be one character (\\t for a tab), not '" + delimiter + "'");
        return text.charAt(0);
    }

    CqlSession open(String command) {
        if ((username == null) != (password == null)) throw new IllegalArgumentException("-u and -p go together");
        Credentials credentials = username == null ? Credentials.NONE : new Credentials(username, password);
        return new SessionFactory(host, port, datacenter, null, 1, Duration.ofSeconds(30)).open(command, credentials, true);
    }

    /** @throws IllegalArgumentException naming the keyspace or table the server does not have */
    TableMetadata table(CqlSession session) {
        var keyspaceMetadata = session.getMetadata().getKeyspace(CqlIdentifier.fromCql(keyspace))
                .orElseThrow(() -> new IllegalArgumentException("keyspace " + keyspace + " does not exist"));
        return keyspaceMetadata.getTable(CqlIdentifier.fromCql(table))
                .orElseThrow(() -> new IllegalArgumentException("table " + keyspace + "." + table + " does not exist"));
    }
}
