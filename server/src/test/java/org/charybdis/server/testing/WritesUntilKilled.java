package org.charybdis.server.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;

import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * The write half of a crash test: keeps up to 32 writes in flight against a child server until it is killed with
 * SIGKILL at a random moment (0.8 to 2.8 s in), whatever their answers; the caller restarts it and checks what survived.
 */
public final class WritesUntilKilled {
    private static final int IN_FLIGHT = 32;

    private WritesUntilKilled() {}

    /** {@code next} makes the i-th write, given the session and the test's random source. */
    public static void run(ChildServerProcess child, SplittableRandom random, BiFunction<CqlSession, Integer, Statement<?>> next)
            throws InterruptedException {
        AtomicBoolean killed = new AtomicBoolean();
        try (CqlSession session = child.session()) {
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            Thread killer = child.killAfter(800 + random.nextInt(2000), killed);
            for (int i = 0; !killed.get(); i++) {
                inFlight.acquire();
                session.executeAsync(next.apply(session, i)).whenComplete((r, e) -> inFlight.release());
            }
            killer.join();
            inFlight.acquire(IN_FLIGHT);
        }
    }
}
