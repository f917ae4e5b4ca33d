package org.charybdis.server.monitoring;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.charybdis.server.testing.PrometheusText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * No dead panel: every metric that a dashboard under {@code monitoring/grafana/dashboards} queries (panels and
 * template variables) is exported by a live node once it has served reads, writes, batches, a service level's
 * requests, a flush and a compaction. Also: each dashboard is valid JSON with a title, the data source, instance and
 * shard variables, and panels with unique ids; and docs/metrics.md describes exactly the families the node exports.
 */
class DashboardMetricsTest {
    /** Surefire runs in the module's directory; the dashboards live at the top of the repository. */
    static final Path DASHBOARDS = Path.of("..", "monitoring", "grafana", "dashboards");
    private static final Path METRICS_DOC = Path.of("..", "docs", "metrics.md");

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication();

    private static MetricFamilies exported;

    @BeforeAll
    static void serveTraffic() throws InterruptedException {
        CqlSession admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE shop.orders (pk int, ck int, v text, PRIMARY KEY (pk, ck))");
        admin.execute("CREATE SERVICE LEVEL olap WITH shares = 200");
        admin.execute("CREATE ROLE analyst WITH PASSWORD = 'pw' AND LOGIN = true");
        admin.execute("ATTACH SERVICE LEVEL olap TO analyst");
        PreparedStatement insert = admin.prepare("INSERT INTO shop.orders (pk, ck, v) VALUES (?, ?, ?)");
        for (int round = 0; round < 2; round++) { // two flushes: two SSTables per shard for the compaction
            for (int pk = 0; pk < 20; pk++) {
                admin.execute(BatchStatement.newInstance(DefaultBatchType.UNLOGGED, insert.bind(pk, round, "a"), insert.bind(pk, round + 10, "b")));
            }
            HttpPost.body(server.apiPort(), "/storage/flush?keyspace=shop");
        }
        HttpPost.body(server.apiPort(), "/storage/compact?keyspace=shop");
        CqlSession analyst = server.session("analyst", "pw");
        PreparedStatement select = analyst.prepare("SELECT v FROM shop.orders WHERE pk = ?");
        for (int pk = 0; pk < 20; pk++) assertThat(analyst.execute(select.bind(pk)).all()).hasSize(4);
        assertThat(analyst.execute("SELECT * FROM shop.orders").all()).hasSize(80);
        exported = MetricFamilies.parse(scrapeWithTableFigures());
    }

    @Test
    void everyDashboardIsValidWithATitleAndUniquePanelIds() {
        List<GrafanaDashboard> dashboards = GrafanaDashboard.readAll(DASHBOARDS);
        assertThat(dashboards).extracting(d -> d.file().getFileName().toString())
                .contains("overview.json", "per-shard.json", "io.json", "cql.json", "service-levels.json");
        for (GrafanaDashboard dashboard : dashboards) {
            assertThat(dashboard.title()).as(dashboard.file() + " title").isNotBlank();
            assertThat(dashboard.variables()).as(dashboard.name() + " variables")
                    .extracting(GrafanaDashboard.Variable::name, GrafanaDashboard.Variable::type)
                    .contains(tuple("DS_PROMETHEUS", "datasource"), tuple("instance", "query"), tuple("shard", "query"));
            Set<Integer> ids = new HashSet<>();
            for (GrafanaDashboard.Panel panel : dashboard.panels()) {
                String name = dashboard.name() + " panel '" + panel.title() + "'";
                assertThat(ids.add(panel.id())).as(name + ": id " + panel.id() + " used twice").isTrue();
                assertThat(panel.id()).as(name + " id").isPositive();
                assertThat(panel.title()).as(dashboard.name() + " panel " + panel.id() + " title").isNotBlank();
                if (!panel.type().equals("row")) {
                    assertThat(panel.exprs()).as(name + " queries").isNotEmpty();
                    for (String expr : panel.exprs()) assertThat(PromQlMetricNames.of(expr)).as(name + ": " + expr).isNotEmpty();
                }
            }
        }
    }

    @Test
    void everyMetricADashboardQueriesIsExported() {
        List<GrafanaDashboard> dashboards = GrafanaDashboard.readAll(DASHBOARDS);
        assertThat(exported.names()).hasSizeGreaterThan(40);
        assertThat(deadQueries(dashboards, exported)).as("panels and variables on metrics the node does not export").isEmpty();
    }

    @Test
    void docsMetricsMdDescribesEveryFamilyTheNodeExportsAndNoOther() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher name = Pattern.compile("`((?:charybdis|jvm)_\\w+)`").matcher(Files.readString(METRICS_DOC));
        while (name.find()) documented.add(name.group(1));
        Set<String> undocumented = new TreeSet<>(exported.names());
        undocumented.removeAll(documented);
        assertThat(undocumented).as("families exported but missing from " + METRICS_DOC).isEmpty();
        Set<String> gone = new TreeSet<>(documented);
        gone.removeAll(exported.names());
        assertThat(gone).as("families in " + METRICS_DOC + " the node does not export").isEmpty();
    }

    @Test
    void aPanelOnAMetricTheNodeDoesNotExportIsReported(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("dead.json"), """
                {"title": "Dead", "panels": [
                  {"id": 1, "type": "timeseries", "title": "Live", "targets": [{"expr": "sum(charybdis_transport_connections)"}]},
                  {"id": 2, "type": "timeseries", "title": "Gone",
                   "targets": [{"expr": "rate(charybdis_transport_requests_total[1m]) / rate(charybdis_no_such_metric_total[1m])"}]},
                  {"id": 3, "type": "timeseries", "title": "Histogram without suffix",
                   "targets": [{"expr": "charybdis_transport_request_latency_seconds"}]}]}
                """);
        assertThat(deadQueries(GrafanaDashboard.readAll(directory), exported)).containsExactly(
                "dead.json 'Dead' panel 2 'Gone': charybdis_no_such_metric_total",
                "dead.json 'Dead' panel 3 'Histogram without suffix': charybdis_transport_request_latency_seconds");
    }

    /** "dashboard panel id 'title': metric" for every metric a panel or template variable selects that has no series. */
    static List<String> deadQueries(List<GrafanaDashboard> dashboards, MetricFamilies families) {
        List<String> dead = new ArrayList<>();
        for (GrafanaDashboard dashboard : dashboards) {
            for (GrafanaDashboard.Panel panel : dashboard.panels()) {
                for (String expr : panel.exprs()) {
                    for (String metric : PromQlMetricNames.of(expr)) {
                        if (families.familyOf(metric) == null) {
                            dead.add(dashboard.name() + " panel " + panel.id() + " '" + panel.title() + "': " + metric);
                        }
                    }
                }
            }
            for (GrafanaDashboard.Variable variable : dashboard.variables()) {
                for (String metric : PromQlMetricNames.of(variable.selector())) {
                    if (families.familyOf(metric) == null) dead.add(dashboard.name() + " variable $" + variable.name() + ": " + metric);
                }
            }
        }
        return dead;
    }

    /**
     * Each shard publishes its tables' figures every 5 seconds: waits until the flushed table shows, and until a
     * collection has paused the JVM (the GC families appear with the first one, so one is asked for).
     */
    private static String scrapeWithTableFigures() throws InterruptedException {
        String scrape = "";
        System.gc();
        for (long deadline = System.nanoTime() + 20_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
            scrape = PrometheusText.scrape(server);
            if (scrape.contains("charybdis_storage_compactions_total{keyspace=\"shop\"") && scrape.contains("jvm_gc_pause_seconds_count")) break;
        }
        return scrape;
    }
}
