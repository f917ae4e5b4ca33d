package org.charybdis.storage.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EstimatedHistogramTest {
    @Test
    void percentilesAreWithinAFifthOfTheTruth() {
        EstimatedHistogram h = new EstimatedHistogram();
        for (long v = 1; v <= 10_000; v++) h.add(v);

        assertThat(h.count()).isEqualTo(10_000);
        assertThat(h.min()).isEqualTo(1);
        assertThat(h.max()).isEqualTo(10_000);
        assertThat(h.mean()).isCloseTo(5000.5, within(1e-9));
        assertThat(h.percentile(0.5)).isBetween(5000L, 6000L);
        assertThat(h.percentile(0.99)).isBetween(9900L, 10_000L);
        assertThat(h.percentile(1.0)).isEqualTo(10_000);
    }

    @Test
    void smallValuesAreExact() {
        EstimatedHistogram h = new EstimatedHistogram();
        h.add(0, 3);
        h.add(1);
        h.add(2, 6);

        assertThat(h.percentile(0.3)).isZero();
        assertThat(h.percentile(0.4)).isEqualTo(1);
        assertThat(h.percentile(0.5)).isEqualTo(2);
    }

    @Test
    void anEmptyHistogramAnswersZeros() {
        EstimatedHistogram h = new EstimatedHistogram();

        assertThat(h.percentile(0.5)).isZero();
        assertThat(h.min()).isZero();
        assertThat(h.max()).isZero();
        assertThat(h.mean()).isZero();
    }

    @Test
    void mergeAddsUpAndCopiesAreIndependent() {
        EstimatedHistogram a = new EstimatedHistogram();
        a.add(10);
        EstimatedHistogram b = new EstimatedHistogram();
        b.add(1_000_000, 2);

        EstimatedHistogram copy = a.copy();
        a.merge(b);

        assertThat(a.count()).isEqualTo(3);
        assertThat(a.min()).isEqualTo(10);
        assertThat(a.max()).isEqualTo(1_000_000);
        assertThat(a.percentile(0.9)).isBetween(1_000_000L * 5 / 6, 1_000_000L);
        assertThat(copy.count()).isEqualTo(1);
    }

    @Test
    void hugeValuesLandInTheLastBucket() {
        EstimatedHistogram h = new EstimatedHistogram();
        h.add(Long.MAX_VALUE / 2);

        assertThat(h.percentile(0.5)).isEqualTo(Long.MAX_VALUE / 2);
    }
}
