package org.charybdis.server.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromQlMetricNamesTest {
    @Test
    void aBareSelectorIsItsName() {
        assertThat(PromQlMetricNames.of("charybdis_transport_connections")).containsExactly("charybdis_transport_connections");
    }

    @Test
    void functionsAggregationsAndLabelListsAreNotNames() {
        assertThat(PromQlMetricNames.of("sum by (opcode, shard) (rate(requests_total{shard=~\"$shard\"}[$__rate_interval]))"))
                .containsExactly("requests_total");
        assertThat(PromQlMetricNames.of("sum without(le) (irate(a[5m])) / on (instance) group_left(job) b"))
                .containsExactly("a", "b");
        assertThat(PromQlMetricNames.of("sum(rate(x_total[1m])) by (le)")).containsExactly("x_total");
    }

    @Test
    void histogramSuffixesAreKeptForTheExpositionToResolve() {
        assertThat(PromQlMetricNames.of("histogram_quantile(0.99, sum by (le) (rate(lat_seconds_bucket{instance=~\"$instance\"}[5m])))"))
                .containsExactly("lat_seconds_bucket");
    }

    @Test
    void labelsStringsRangesDurationsAndNumbersAreNotNames() {
        assertThat(PromQlMetricNames.of("a{job=\"by\", le!~'x|y', name=`z`}[1h30m:5m] offset 10m > 0.5e3 and b @ 1609746000"))
                .containsExactly("a", "b");
        assertThat(PromQlMetricNames.of("x{a=\"}{\"} unless bool y or inf")).containsExactly("x", "y");
    }

    @Test
    void grafanaVariablesStandForValues() {
        assertThat(PromQlMetricNames.of("topk($limit, m{shard=~\"${shard:regex}\"}) * [[factor]]")).containsExactly("m");
    }

    @Test
    void aNameMatcherNamesItsMetric() {
        assertThat(PromQlMetricNames.of("{__name__=\"up\", job=\"x\"}")).containsExactly("up");
    }

    @Test
    void unbalancedExpressionsAreRefused() {
        assertThatThrownBy(() -> PromQlMetricNames.of("sum by (le (rate(x[5m]))")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> PromQlMetricNames.of("x{a=\"b}")).hasMessageContaining("unterminated");
    }
}
