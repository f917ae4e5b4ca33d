package org.charybdis.server.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricFamiliesTest {
    private static final MetricFamilies FAMILIES = MetricFamilies.parse("""
            # HELP lat_seconds Latency
            # TYPE lat_seconds histogram
            lat_seconds_bucket{le="0.1"} 1
            lat_seconds_count 1
            lat_seconds_sum 0.05
            # TYPE reqs_total counter
            reqs_total{op="QUERY"} 3
            # TYPE size summary
            size{quantile="0.5"} 2
            # TYPE queue_count gauge
            queue_count 4
            """);

    @Test
    void plainFamiliesAreTheirOwnSeries() {
        assertThat(FAMILIES.familyOf("reqs_total")).isEqualTo("reqs_total");
        assertThat(FAMILIES.familyOf("queue_count")).isEqualTo("queue_count");
        assertThat(FAMILIES.familyOf("size")).isEqualTo("size");
        assertThat(FAMILIES.typeOf("reqs_total")).isEqualTo("counter");
        assertThat(FAMILIES.typeOf("lat_seconds")).isEqualTo("histogram");
        assertThat(FAMILIES.typeOf("missing")).isNull();
        assertThat(FAMILIES.names()).containsExactlyInAnyOrder("lat_seconds", "reqs_total", "size", "queue_count");
    }

    @Test
    void histogramSuffixesBelongToTheHistogramOnly() {
        assertThat(FAMILIES.familyOf("lat_seconds_bucket")).isEqualTo("lat_seconds");
        assertThat(FAMILIES.familyOf("lat_seconds_count")).isEqualTo("lat_seconds");
        assertThat(FAMILIES.familyOf("size_sum")).isEqualTo("size");
        assertThat(FAMILIES.familyOf("lat_seconds")).as("a histogram has no series of its own name").isNull();
        assertThat(FAMILIES.familyOf("reqs_total_count")).as("a counter has no _count").isNull();
        assertThat(FAMILIES.familyOf("size_bucket")).as("a summary has no buckets").isNull();
        assertThat(FAMILIES.familyOf("missing")).isNull();
    }

    @Test
    void aBrokenTypeLineIsRefused() {
        assertThatThrownBy(() -> MetricFamilies.parse("# TYPE x\n")).hasMessageContaining("not a TYPE line: # TYPE x");
    }
}
