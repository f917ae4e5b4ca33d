package org.charybdis.tools.stress;

/** A clock that only moves when told to: sleeping jumps to the wake-up time at once. */
final class FakeClock implements NanoClock {
    private long now;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(long deadline) {
        now = Math.max(now, deadline);
    }

    synchronized void advance(long nanos) {
        now += nanos;
    }
}
