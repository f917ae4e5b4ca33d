package org.charybdis.storage.units;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeSpanTest {
    @Test
    void readsCassandraUnitsAndBareNumbersInTheCallersUnit() {
        assertThat(TimeSpan.parse("10000ms", TimeUnit.SECONDS)).isEqualTo(Duration.ofSeconds(10));
        assertThat(TimeSpan.parse("10000", TimeUnit.MILLISECONDS)).isEqualTo(Duration.ofSeconds(10));
        assertThat(TimeSpan.parse("0.5", TimeUnit.SECONDS)).isEqualTo(Duration.ofMillis(500));
        assertThat(TimeSpan.parse("2h", TimeUnit.SECONDS)).isEqualTo(Duration.ofHours(2));
        assertThat(TimeSpan.parse("5M", TimeUnit.SECONDS)).isEqualTo(Duration.ofMinutes(5));
        assertThat(TimeSpan.parse("3min", TimeUnit.SECONDS)).isEqualTo(Duration.ofMinutes(3));
        assertThat(TimeSpan.parse("1d", TimeUnit.SECONDS)).isEqualTo(Duration.ofDays(1));
        assertThat(TimeSpan.parse("250us", TimeUnit.SECONDS)).isEqualTo(Duration.ofNanos(250_000));
        assertThat(TimeSpan.parse(" 7 s ", TimeUnit.MILLISECONDS)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void wholeUnitsOnly() {
        assertThat(TimeSpan.whole("2s", TimeUnit.MILLISECONDS, TimeUnit.MILLISECONDS)).isEqualTo(2000);
        assertThatThrownBy(() -> TimeSpan.whole("1500us", TimeUnit.MILLISECONDS, TimeUnit.MILLISECONDS))
                .hasMessage("'1500us' is not a whole number of milliseconds");
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertThatThrownBy(() -> TimeSpan.nanos("soon", TimeUnit.SECONDS)).hasMessageStartingWith("not a duration: 'soon'");
        assertThatThrownBy(() -> TimeSpan.nanos("-1s", TimeUnit.SECONDS)).hasMessageStartingWith("not a duration");
        assertThatThrownBy(() -> TimeSpan.nanos("10 weeks", TimeUnit.SECONDS)).hasMessageStartingWith("not a duration");
    }
}
