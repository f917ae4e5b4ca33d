import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Latency of reads of one large flushed partition (issue 9, bounded reads), against one or more nodes side by side.
 * On each node: the table {@code bench_reads.wide (pk int, ck int, v blob, PRIMARY KEY (pk, ck))} gets one partition of
 * ROWS rows with 100-byte random values, flushed through the admin API (so it is read from its SSTable). Then, in
 * ROUNDS rounds that visit the nodes in turn (so that the machine's noise falls on all of them alike), each query runs
 * ITERATIONS times on each node, one at a time; a round begins with a warm-up of its own. Prints a table of latencies
 * in milliseconds (median, p90, p99, mean) per node and query, and each node's median against the first node's.
 * <pre>java -cp 'tools/target/lib/*' tools/scripts/PartitionReadBench.java ROWS ROUNDS ITERATIONS NAME=HOST:CQL_PORT:API_PORT ...</pre>
 */
public final class PartitionReadBench {
    private static final int VALUE_BYTES = 100;

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: PartitionReadBench ROWS ROUNDS ITERATIONS NAME=HOST:CQL_PORT:API_PORT ...");
            System.exit(2);
        }
        int rows = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("LIMIT 10 at the start", "SELECT * FROM bench_reads.wide WHERE pk = 0 LIMIT 10");
        queries.put("LIMIT 10 at the end (DESC)", "SELECT * FROM bench_reads.wide WHERE pk = 0 ORDER BY ck DESC LIMIT 10");
        queries.put("LIMIT 10 at the end (ck >=)", "SELECT * FROM bench_reads.wide WHERE pk = 0 AND ck >= " + (rows - 10) + " LIMIT 10");
        queries.put("LIMIT 10 in the middle", "SELECT * FROM bench_reads.wide WHERE pk = 0 AND ck >= " + rows / 2 + " LIMIT 10");
        queries.put("paged full read (5000/page)", "SELECT * FROM bench_reads.wide WHERE pk = 0");
        queries.put("range scan LIMIT 10", "SELECT * FROM bench_reads.wide LIMIT 10");
        queries.put("paged range scan (5000/page)", "SELECT * FROM bench_reads.wide");

        List<Node> nodes = new ArrayList<>();
        for (int i = 3; i < args.length; i++) nodes.add(Node.connect(args[i], queries.size()));
        for (Node node : nodes) node.load(rows);

        String[] statements = queries.values().toArray(new String[0]);
        for (int round = 0; round < rounds; round++) {
            for (Node node : nodes) {
                for (int q = 0; q < statements.length; q++) {
                    int warmUp = Math.max(1, iterations / 10);
                    for (int i = 0; i < warmUp; i++) node.run(statements[q], rows);
                    for (int i = 0; i < iterations; i++) node.samples[q].add(node.run(statements[q], rows));
                }
            }
            System.err.printf("round %d of %d done%n", round + 1, rounds);
        }

        System.out.printf(Locale.ROOT, "%d rows of %d-byte values in one flushed partition; %d rounds x %d reads per query and node%n",
                rows, VALUE_BYTES, rounds, iterations);
        System.out.printf(Locale.ROOT, "%-30s %-10s %9s %9s %9s %9s %12s%n", "query", "node", "median", "p90", "p99", "mean",
                "median/" + nodes.getFirst().name);
        String[] names = queries.keySet().toArray(new String[0]);
        for (int q = 0; q < names.length; q++) {
            double reference = percentile(nodes.getFirst().samples[q], 0.5);
            for (Node node : nodes) {
                List<Double> s = node.samples[q];
                System.out.printf(Locale.ROOT, "%-30s %-10s %9.3f %9.3f %9.3f %9.3f %11.3fx%n", names[q], node.name, percentile(s, 0.5),
                        percentile(s, 0.9), percentile(s, 0.99), s.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                        percentile(s, 0.5) / reference);
            }
        }
        for (Node node : nodes) node.session.close();
    }

    private static double percentile(List<Double> samples, double p) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static final class Node {
        final String name;
        final String host;
        final int apiPort;
        final CqlSession session;
        final List<Double>[] samples;

        @SuppressWarnings("unchecked")
        private Node(String name, String host, int apiPort, CqlSession session, int queries) {
            this.name = name;
            this.host = host;
            this.apiPort = apiPort;
            this.session = session;
            this.samples = new List[queries];
            for (int i = 0; i < queries; i++) samples[i] = new ArrayList<>();
        }

        static Node connect(String spec, int queries) {
            String name = spec.substring(0, spec.indexOf('='));
            String[] parts = spec.substring(spec.indexOf('=') + 1).split(":");
            CqlSession session = CqlSession.builder().addContactPoint(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])))
                    .withLocalDatacenter("datacenter1").build();
            return new Node(name, parts[0], Integer.parseInt(parts[2]), session, queries);
        }

        void load(int rows) throws Exception {
            session.execute("CREATE KEYSPACE IF NOT EXISTS bench_reads WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("DROP TABLE IF EXISTS bench_reads.wide");
            session.execute("CREATE TABLE bench_reads.wide (pk int, ck int, v blob, PRIMARY KEY (pk, ck))");
            PreparedStatement insert = session.prepare("INSERT INTO bench_reads.wide (pk, ck, v) VALUES (0, ?, ?)");
            Random random = new Random(7);
            BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
            for (int ck = 0; ck < rows; ck++) {
                byte[] value = new byte[VALUE_BYTES];
                random.nextBytes(value);
                batch.addStatement(insert.bind(ck, ByteBuffer.wrap(value)));
                if (batch.getStatementsCount() == 500 || ck == rows - 1) {
                    session.execute(batch.build());
                    batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
                }
            }
            HttpResponse<String> flushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + host + ":" + apiPort + "/storage/flush?keyspace=bench_reads")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (flushed.statusCode() != 200) throw new IllegalStateException(name + ": flush answered " + flushed.statusCode() + " " + flushed.body());
            long count = session.execute("SELECT count(*) FROM bench_reads.wide WHERE pk = 0").one().getLong(0);
            if (count != rows) throw new IllegalStateException(name + ": " + count + " rows instead of " + rows);
            System.err.printf("%s: %d rows loaded and flushed%n", name, rows);
        }

        /** Runs the query to its last page; milliseconds. Checks the row count (10, or every row). */
        double run(String cql, int rows) {
            long start = System.nanoTime();
            ResultSet result = session.execute(cql);
            int n = 0;
            for (Row ignored : result) n++;
            double millis = (System.nanoTime() - start) / 1e6;
            int expected = cql.contains("LIMIT") ? 10 : rows;
            if (n != expected) throw new IllegalStateException(name + ": " + n + " rows instead of " + expected + " for " + cql);
            return millis;
        }
    }
}
