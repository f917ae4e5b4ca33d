package org.charybdis.storage.compaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScalingParametersTest {
    @ParameterizedTest
    @CsvSource({
            // text, W, fan factor, threshold
            "T4, 2, 4, 4",
            "L10, -8, 10, 2",
            "N, 0, 2, 2",
            "T2, 0, 2, 2",
            "L2, 0, 2, 2",
            "T8, 6, 8, 8",
            "-8, -8, 10, 2",
            "2, 2, 4, 4",
            "0, 0, 2, 2",
            "+3, 3, 5, 5",
            "-1, -1, 3, 2",
    })
    void fanFactorAndThresholdFollowW(String text, int w, int fanout, int threshold) {
        ScalingParameters p = ScalingParameters.parse(text);
        assertThat(p.scalingParameter(0)).isEqualTo(w);
        assertThat(p.fanout(0)).isEqualTo(fanout);
        assertThat(p.threshold(0)).isEqualTo(threshold);
    }

    @Test
    void perLevelListWithTheLastRepeating() {
        ScalingParameters p = ScalingParameters.parse("T4, T4 ,L10");
        assertThat(p.count()).isEqualTo(3);
        assertThat(p.fanout(0)).isEqualTo(4);
        assertThat(p.threshold(1)).isEqualTo(4);
        assertThat(p.fanout(2)).isEqualTo(10);
        assertThat(p.threshold(2)).isEqualTo(2);
        assertThat(p.scalingParameter(30)).isEqualTo(-8);
        assertThat(p).hasToString("T4,T4,L10");
    }

    @Test
    void formatsCanonically() {
        assertThat(ScalingParameters.parse("-8,2,0,T2")).hasToString("L10,T4,N,N");
        assertThat(ScalingParameters.parse("L10")).isEqualTo(ScalingParameters.of(-8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X", "t4", "T", "L", "", "T4,,L10", "T4.5", "N2", "4T"})
    void malformedParametersAreRefused(String text) {
        assertThatThrownBy(() -> ScalingParameters.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid scaling parameter")
                .hasMessageContaining("'T4'");
    }

    @Test
    void fanFactorBelowTwoIsRefused() {
        assertThatThrownBy(() -> ScalingParameters.parse("T1"))
                .hasMessageContaining("Fan factor cannot be lower than 2").hasMessageContaining("T1");
        assertThatThrownBy(() -> ScalingParameters.parse("L0")).hasMessageContaining("Fan factor");
    }

    @Test
    void absurdValuesAreRefusedBeforeTheyOverflow() {
        assertThatThrownBy(() -> ScalingParameters.parse("T99999999999")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ScalingParameters.parse("-2000000")).hasMessageContaining("between");
    }

    @Test
    void negativeLevelIsABug() {
        assertThatThrownBy(() -> ScalingParameters.parse("T4").fanout(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
