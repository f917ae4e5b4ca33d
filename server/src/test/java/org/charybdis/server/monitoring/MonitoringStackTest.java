package org.charybdis.server.monitoring;

import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring stack's files agree with each other and with the node (Docker does not run here): Prometheus
 * scrapes the node's default Prometheus port, the compose file mounts files that exist and builds the image from
 * docker/Dockerfile, and Grafana's dashboard provider reads where the dashboards are mounted.
 */
@SuppressWarnings("unchecked")
class MonitoringStackTest {
    private static final Path MONITORING = DashboardMetricsTest.DASHBOARDS.getParent().getParent();

    @Test
    void prometheusScrapesTheNodesMetricsPort() throws IOException {
        Map<String, Object> config = yaml(MONITORING.resolve("prometheus/prometheus.yml"));
        Map<String, Object> job = first(config.get("scrape_configs"));
        assertThat(job.get("metrics_path")).isEqualTo("/metrics");
        Map<String, Object> targets = first(job.get("static_configs"));
        assertThat((List<Object>) targets.get("targets")).containsExactly("charybdis:" + ServerConfig.PROMETHEUS_PORT.defaultValue());
    }

    @Test
    void composeBuildsTheImageAndMountsFilesThatExist() throws IOException {
        Map<String, Object> services = map(yaml(MONITORING.resolve("docker-compose.yml")).get("services"));
        assertThat(services).containsOnlyKeys("charybdis", "prometheus", "grafana");
        Map<String, Object> build = map(map(services.get("charybdis")).get("build"));
        assertThat(MONITORING.resolve((String) build.get("context")).resolve((String) build.get("dockerfile"))).isRegularFile();
        for (Object service : services.values()) {
            for (Object volume : (List<?>) map(service).getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".")) assertThat(MONITORING.resolve(source)).as(volume.toString()).exists();
            }
        }
    }

    @Test
    void grafanaLoadsTheDashboardsFromWhereComposeMountsThem() throws IOException {
        Map<String, Object> grafana = map(map(yaml(MONITORING.resolve("docker-compose.yml")).get("services")).get("grafana"));
        Map<String, Object> provider = first(yaml(MONITORING.resolve("grafana/provisioning/dashboards/charybdis.yml")).get("providers"));
        String path = (String) map(provider.get("options")).get("path");
        assertThat((List<Object>) grafana.get("volumes")).contains("./grafana/dashboards:" + path + ":ro");
        Map<String, Object> datasource = first(yaml(MONITORING.resolve("grafana/provisioning/datasources/prometheus.yml")).get("datasources"));
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("isDefault", true).containsEntry("url", "http://prometheus:9090");
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Yaml().load(Files.readString(file)));
    }

    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> first(Object list) {
        return map(((List<?>) list).getFirst());
    }
}
