package org.charybdis.tools.stress;

import org.HdrHistogram.Histogram;
import org.charybdis.tools.cql.FixedRateSchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The open loop on a fake clock: the fixed schedule, no skipped requests, latency from the intended start. */
class OpenLoopTest {
    private static final long MS = 1_000_000;
    private final FakeClock clock = new FakeClock();
    private final WorkloadStats stats = new WorkloadStats();
    private final List<Long> sendTimes = new ArrayList<>();

    @Test
    void sendsEveryRequestAtItsIntendedStart() throws InterruptedException {
        run(1000, Duration.ofSeconds(1), request -> {});

        assertThat(sendTimes).hasSize(1000);
        for (int i = 0; i < sendTimes.size(); i++) assertThat(sendTimes.get(i)).as("send " + i).isEqualTo(i * MS);
        assertThat(stats.ops()).isEqualTo(1000);
        assertThat(stats.latencies().getMaxValue()).as("answered at once: the minimum of 1 us").isEqualTo(1);
    }

    @Test
    void aStallIsChargedToEveryRequestThatWasDueDuringIt() throws InterruptedException {
        // request 10 (due at 10 ms) takes 50 ms to send: requests 11 to 59 fall due meanwhile and go out late, at 60 ms
        run(1000, Duration.ofSeconds(1), request -> {
            if (request == 10) clock.advance(50 * MS);
        });

        assertThat(sendTimes).as("none is skipped").hasSize(1000);
        assertThat(sendTimes.subList(11, 60)).as("the late ones go out at once").containsOnly(60 * MS);
        assertThat(sendTimes.get(60)).as("then the schedule resumes").isEqualTo(60 * MS);
        assertThat(sendTimes.get(61)).isEqualTo(61 * MS);
        Histogram micros = stats.latencies();
        assertThat(micros.getMaxValue()).isBetween(49_950L, 50_050L);
        // request 10 waited 50 ms, 11 waited 49 ms, ..., 50 waited 10 ms: 41 requests of 10 ms or more
        assertThat(micros.getCountBetweenValues(9_500, 60_000)).isEqualTo(41);
        assertThat(stats.ops()).isEqualTo(1000);
    }

    @Test
    void aFractionalRateDoesNotDrift() {
        FixedRateSchedule schedule = new FixedRateSchedule(5, 3);
        assertThat(schedule.intendedStart(0)).isEqualTo(5);
        assertThat(schedule.intendedStart(1)).isEqualTo(5 + 333_333_333);
        assertThat(schedule.intendedStart(3)).isEqualTo(5 + 1_000_000_000);
        assertThat(schedule.intendedStart(3_000_000)).isEqualTo(5 + 1_000_000_000_000_000L);
    }

    @Test
    void theRequestCountEndsTheScheduleToo() throws InterruptedException {
        RequestBudget budget = new RequestBudget(null, 25);
        budget.begin(clock.nanoTime());
        new OpenLoop(new LoadModel.Open(1000, 16), clock).run(source(request -> {}), budget, stats);

        assertThat(sendTimes).hasSize(25);
        assertThat(clock.nanoTime()).isEqualTo(24 * MS);
    }

    private void run(double rate, Duration duration, LongConsumer onSend) throws InterruptedException {
        RequestBudget budget = new RequestBudget(duration, 0);
        budget.begin(clock.nanoTime());
        new OpenLoop(new LoadModel.Open(rate, 1024), clock).run(source(onSend), budget, stats);
    }

    /** Requests that complete as soon as they are sent; {@code onSend} sees each request's number. */
    private RequestSource source(LongConsumer onSend) {
        RequestStream stream = new RequestStream() {
            @Override
            public CompletionStage<Integer> send() {
                sendTimes.add(clock.nanoTime());
                onSend.accept(sendTimes.size() - 1);
                return CompletableFuture.completedFuture(0);
            }
        };
        return new RequestSource() {
            @Override
            public RequestStream newStream() {
                return stream;
            }

            @Override
            public boolean shareable() {
                return true;
            }
        };
    }
}
