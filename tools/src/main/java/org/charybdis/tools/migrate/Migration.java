package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import org.charybdis.tools.cql.SessionFactory;
import org.charybdis.tools.cql.TokenRanges;
import org.charybdis.tools.cql.TokenRanges.Range;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code charybdis migrate}: the schema, then the data, then the verification, each as the settings ask.
 * Reports go to {@code out}, progress and mismatches to {@code err}.
 */
final class Migration {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int RANGES_PER_SHARD = 4;

    private final MigrateSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    Migration(MigrateSettings settings, PrintWriter out, PrintWriter err, boolean terminal) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** @return true when the copy finished and the verification (if asked) found the target equal */
    boolean run() throws InterruptedException {
        try (CqlSession source = open(settings.source()); CqlSession target = open(settings.target())) {
            Map<KeyspaceMetadata, List<TableMetadata>> selection =
                    TableSelection.resolve(source.getMetadata(), settings.keyspaces(), settings.tables());
            List<TableScan> scans = selection.values().stream().flatMap(List::stream).map(TableScan::new).toList();
            int splits = settings.splits() > 0 ? settings.splits() : RANGES_PER_SHARD * shards(source);
            List<Range> ranges = TokenRanges.split(splits);
            if (settings.copy()) {
                new SchemaCopy(target, out, settings.replication()).apply(selection);
                Checkpoint checkpoint = settings.checkpoint() == null ? Checkpoint.none() : Checkpoint.open(settings.checkpoint(), splits);
                DataCopy copy = new DataCopy(source, target, checkpoint, new RowRateLimiter(settings.rowsPerSecond()),
                        settings.pageSize(), settings.concurrency());
                long rows = copy.copy(scans, ranges, err, terminal);
                out.println("copied " + rows + " rows of " + scans.size() + " tables in " + splits + " token ranges each");
            }
            if (!settings.verify()) return true;
            List<String> mismatches = new Verification(source, target, settings.pageSize(), settings.concurrency())
                    .mismatches(scans, ranges, err, terminal);
            for (String mismatch : mismatches) err.println("mismatch: " + mismatch);
            err.flush();
            if (!mismatches.isEmpty()) {
                out.println("verification failed: " + mismatches.size() + " of " + scans.size() * ranges.size() + " ranges differ");
                return false;
            }
            out.println("verified " + scans.size() + " tables: every range has the same rows and checksum on both sides");
            return true;
        } finally {
            out.flush();
        }
    }

    private static CqlSession open(MigrateSettings.Endpoint endpoint) {
        SessionFactory factory = new SessionFactory(endpoint.address().host(), endpoint.address().port(), endpoint.datacenter(),
                null, 1, REQUEST_TIMEOUT);
        try {
            return factory.open("migrate-" + endpoint.role(), endpoint.credentials(), true);
        } catch (RuntimeException e) {
            throw new MigrationFailure("cannot connect to the " + endpoint.role() + " at " + endpoint.address() + ": " + e.getMessage(), e);
        }
    }

    /** The shards of the source's nodes as the shard-aware driver learns them (a node without shards counts one). */
    private static int shards(CqlSession session) {
        int shards = 0;
        for (Node node : session.getMetadata().getNodes().values()) {
            shards += node.getShardingInfo() == null ? 1 : node.getShardingInfo().getShardsCount();
        }
        return Math.max(1, shards);
    }
}
