package org.charybdis.scheduler.controller;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.scheduler.controller.ControlCurve.point;

class ControlCurveTest {
    private final ControlCurve curve = ControlCurve.through(point(0, 50), point(1.5, 100), point(30, 1000));

    @Test
    void interpolatesLinearlyBetweenPoints() {
        assertThat(curve.sharesAt(0)).isEqualTo(50);
        assertThat(curve.sharesAt(0.75)).isEqualTo(75);
        assertThat(curve.sharesAt(1.5)).isEqualTo(100);
        assertThat(curve.sharesAt(15.75)).isEqualTo(550);
        assertThat(curve.sharesAt(30)).isEqualTo(1000);
    }

    @Test
    void isFlatOutsideItsPoints() {
        assertThat(curve.sharesAt(-3)).isEqualTo(50);
        assertThat(curve.sharesAt(500)).isEqualTo(1000);
        assertThat(curve.sharesAt(Double.POSITIVE_INFINITY)).isEqualTo(1000);
        assertThat(curve.sharesAt(Double.NaN)).isEqualTo(50);
    }

    @Test
    void neverAnswersBelowOneShare() {
        ControlCurve fromZero = ControlCurve.through(point(0, 0), point(0.5, 10), point(1, 1000));

        assertThat(fromZero.sharesAt(0)).isEqualTo(1);
        assertThat(fromZero.sharesAt(0.01)).isEqualTo(1);
        assertThat(fromZero.sharesAt(0.25)).isEqualTo(5);
        assertThat(fromZero.sharesAt(0.75)).isEqualTo(505);
    }

    @Test
    void aConstantIgnoresTheBacklog() {
        ControlCurve fixed = ControlCurve.constant(300);

        assertThat(fixed.sharesAt(0)).isEqualTo(300);
        assertThat(fixed.sharesAt(1e9)).isEqualTo(300);
        assertThatThrownBy(() -> ControlCurve.constant(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesPointsOutOfOrderOrOutOfRange() {
        assertThatThrownBy(() -> ControlCurve.through(point(1, 10), point(1, 20))).hasMessageContaining("increasing");
        assertThatThrownBy(() -> ControlCurve.through()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> point(0, -1)).hasMessageContaining("shares");
        assertThatThrownBy(() -> point(Double.NaN, 1)).hasMessageContaining("finite");
    }
}
