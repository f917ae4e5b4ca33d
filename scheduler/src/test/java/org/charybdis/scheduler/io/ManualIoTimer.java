package org.charybdis.scheduler.io;

import java.util.ArrayList;
import java.util.List;

/** A test clock that moves only when told to, firing the wake-ups that fall due. */
final class ManualIoTimer implements IoTimer {
    private long now = 1_000_000_000_000L;
    private final List<Alarm> alarms = new ArrayList<>();
    private int wakeupsRequested;

    private record Alarm(long at, Runnable wakeup) { }

    @Override
    public synchronized long nanoTime() { return now; }

    @Override
    public void wakeAfter(long delayNanos, Runnable wakeup) {
        synchronized (this) {
            alarms.add(new Alarm(now + delayNanos, wakeup));
            wakeupsRequested++;
        }
    }

    synchronized int wakeupsRequested() { return wakeupsRequested; }

    /** Moves the clock to the earliest alarm (if later than now) and fires it; false if there was none. */
    boolean fireNext() {
        Alarm next;
        synchronized (this) {
            if (alarms.isEmpty()) return false;
            next = alarms.getFirst();
            for (Alarm alarm : alarms) if (alarm.at < next.at) next = alarm;
            alarms.remove(next);
            if (next.at > now) now = next.at;
        }
        next.wakeup.run();
        return true;
    }

    /** Moves the clock forward, firing every alarm due on the way in order. */
    void advance(long nanos) {
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        while (true) {
            Alarm due = null;
            synchronized (this) {
                for (Alarm alarm : alarms) if (alarm.at <= target && (due == null || alarm.at < due.at)) due = alarm;
                if (due == null) {
                    now = target;
                    return;
                }
                alarms.remove(due);
                if (due.at > now) now = due.at;
            }
            due.wakeup.run();
        }
    }
}
