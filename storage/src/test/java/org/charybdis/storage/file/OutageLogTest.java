package org.charybdis.storage.file;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OutageLogTest {
    private static final IOException FULL = new IOException("No space left on device");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private long now = 1_000;
    private final OutageLog outage = new OutageLog(logger(), "Commit log of shard 0", () -> now);

    @Test
    void anOutageIsOneErrorOneRefusalASummaryEvery30SecondsAndOneRecoveryLine() {
        for (int i = 0; i < 1000; i++) {
            outage.failed("cannot prepare a 32 MiB segment: no space left on device in /d", "writes are refused until this works", FULL);
            for (int j = 0; j < 100; j++) outage.refused();
            now += TimeUnit.MILLISECONDS.toNanos(100); // 100 s in all
        }
        outage.recovered();

        assertThat(messages(Level.ERROR)).containsExactly("Commit log of shard 0: cannot prepare a 32 MiB segment: no space left on "
                + "device in /d; writes are refused until this works");
        assertThat(messages(Level.WARN)).hasSize(4).startsWith("Commit log of shard 0: refusing writes until this is fixed "
                + "(cannot prepare a 32 MiB segment: no space left on device in /d)");
        String still = "Commit log of shard 0: still failing after %d s (cannot prepare a 32 MiB segment: no space left on device in "
                + "/d): 300 failed attempts, %d writes refused in the last 30 s";
        assertThat(messages(Level.WARN).subList(1, 4)).containsExactly(still.formatted(30, 29_999), // the first refusal had its own line
                still.formatted(60, 30_000), still.formatted(90, 30_000));
        assertThat(messages(Level.INFO)).containsExactly("Commit log of shard 0: works again after 100 s (1000 failed attempts, "
                + "100000 writes refused)");
    }

    @Test
    void nothingIsLoggedWithoutAFailureAndAnotherOutageStartsAfresh() {
        outage.recovered();
        outage.refused();
        assertThat(lines.list).isEmpty();

        outage.failed("a flush failed: no space left on device in /d", "retrying", FULL);
        outage.recovered();
        outage.failed("a flush failed: no space left on device in /d", "retrying", FULL);
        assertThat(messages(Level.ERROR)).hasSize(2);
        assertThat(messages(Level.INFO)).containsExactly("Commit log of shard 0: works again after 0 s (1 failed attempts)");
        assertThat(outage.active()).isTrue();
        assertThat(lines.list).allSatisfy(line -> assertThat(line.getThrowableProxy()).isNull());
    }

    @Test
    void anOutageOfAnotherCauseKeepsItsStackTraceOnce() {
        IllegalStateException bug = new IllegalStateException("a bug");
        outage.failed("a compaction failed: java.lang.IllegalStateException: a bug in /d", "retrying", bug);
        outage.failed("a compaction failed: java.lang.IllegalStateException: a bug in /d", "retrying", bug);
        assertThat(lines.list).singleElement().satisfies(line -> assertThat(line.getThrowableProxy().getMessage()).isEqualTo("a bug"));
    }

    private List<String> messages(Level level) {
        return lines.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Logger logger() {
        Logger logger = new LoggerContext().getLogger(OutageLogTest.class);
        lines.start();
        logger.addAppender(lines);
        return logger;
    }
}
