package org.charybdis.storage.file;

import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The log lines of a disk operation that keeps failing until someone frees space (a commit log segment, a flush, a
 * compaction), without a line per attempt or per refused write: the first failure once, at ERROR, with its cause and
 * what it means; the first refused request once; then at most one summary per {@link #SUMMARY_INTERVAL_NANOS}
 * counting what failed and was refused since; and one INFO line when the operation works again.
 * <p>
 * Owned by one thread (the shard's). Summaries are written by the next failure or refusal after the interval, so
 * an outage needs no timer of its own: the operation's retries bring them.
 */
public final class OutageLog {
    public static final long SUMMARY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Logger log;
    private final String subject;
    private final LongSupplier clock;
    private boolean active;
    private String problem;
    private long startedNanos;
    private long lastLineNanos;
    private long failures;
    private long refusals;
    private long failuresSinceLine;
    private long refusalsSinceLine;

    /** Lines start with {@code subject}, e.g. "Commit log of shard 0". */
    public OutageLog(Logger log, String subject) {
        this(log, subject, System::nanoTime);
    }

    OutageLog(Logger log, String subject, LongSupplier clock) {
        this.log = log;
        this.subject = subject;
        this.clock = clock;
    }

    /** Whether the operation is failing now. */
    public boolean active() { return active; }

    /**
     * An attempt failed: the first of an outage is logged with the {@code problem} (what failed, where, why) and its
     * {@code consequence}, and with the cause's stack trace unless it is a full disk (then the problem says it all);
     * later ones are counted for the summary.
     */
    public void failed(String problem, String consequence, Throwable cause) {
        long now = clock.getAsLong();
        this.problem = problem;
        failures++;
        failuresSinceLine++;
        if (!active) {
            active = true;
            startedNanos = now;
            lastLineNanos = now;
            failuresSinceLine = 0;
            if (DiskSpace.isOutOfSpace(cause)) log.error("{}: {}; {}", subject, problem, consequence);
            else log.error("{}: {}; {}", subject, problem, consequence, cause);
        } else {
            summarizeIfDue(now);
        }
    }

    /** A request was refused because of the outage: the first one is logged, the others counted for the summary. */
    public void refused() {
        if (!active) return;
        long now = clock.getAsLong();
        refusals++;
        refusalsSinceLine++;
        if (refusals == 1) {
            lastLineNanos = now;
            refusalsSinceLine = 0;
            log.warn("{}: refusing writes until this is fixed ({})", subject, problem);
        } else {
            summarizeIfDue(now);
        }
    }

    /** The operation worked: ends the outage, if there was one, with a line saying how long it lasted. */
    public void recovered() {
        if (!active) return;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(clock.getAsLong() - startedNanos);
        log.info("{}: works again after {} s ({} failed attempts{})", subject, seconds, failures, refused(refusals));
        active = false;
        failures = 0;
        refusals = 0;
        failuresSinceLine = 0;
        refusalsSinceLine = 0;
    }

    private void summarizeIfDue(long now) {
        if (now - lastLineNanos < SUMMARY_INTERVAL_NANOS) return;
        log.warn("{}: still failing after {} s ({}): {} failed attempts{} in the last {} s", subject,
                TimeUnit.NANOSECONDS.toSeconds(now - startedNanos), problem, failuresSinceLine, refused(refusalsSinceLine),
                TimeUnit.NANOSECONDS.toSeconds(now - lastLineNanos));
        lastLineNanos = now;
        failuresSinceLine = 0;
        refusalsSinceLine = 0;
    }

    private String refused(long count) {
        return refusals == 0 ? "" : ", " + count + " writes refused";
    }
}
