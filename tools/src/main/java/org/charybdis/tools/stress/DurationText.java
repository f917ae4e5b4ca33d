package org.charybdis.tools.stress;

import org.charybdis.storage.units.TimeSpan;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Durations as operators type them ({@link TimeSpan}: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}); a bare number is seconds. */
final class DurationText {
    private DurationText() {}

    static Duration parse(String text) {
        Duration duration = TimeSpan.parse(text, TimeUnit.SECONDS);
        if (duration.isZero()) throw new IllegalArgumentException("duration must be positive: '" + text + "'");
        return duration;
    }
}
