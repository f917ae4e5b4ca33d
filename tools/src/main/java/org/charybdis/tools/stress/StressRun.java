package org.charybdis.tools.stress;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.tools.cql.Credentials;
import org.charybdis.tools.cql.SessionFactory;
import org.charybdis.tools.proc.ProcFiles;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@code charybdis stress} run: creates the schema if absent, populates, opens one session per workload (as its
 * role), runs the workloads side by side with a progress line a second, and reports.
 */
final class StressRun {
    /** A workload whose first this-many requests all failed cannot work: the run stops instead of counting errors. */
    static final int FAILING_FROM_START = 10;

    private final StressSettings settings;
    private final PrintWriter out;
    private final NanoClock clock;

    StressRun(StressSettings settings, PrintWriter out, NanoClock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    /** @throws StressFailure when the run cannot start */
    StressReport run() throws InterruptedException {
        serverHops(); // a wrong --prometheus-port fails the run before it populates
        String scanCql = prepareTable();
        List<CqlSession> sessions = new ArrayList<>();
        try {
            for (WorkloadSpec spec : settings.workloads()) sessions.add(open(spec.name(), spec.credentials(), false));
            if (!settings.warmup().isZero()) warmUp(sessions, scanCql);
            List<WorkloadRunner> runners = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                WorkloadSpec spec = settings.workloads().get(i);
                runners.add(new WorkloadRunner(spec, prepare(spec, sessions.get(i), scanCql, settings.keys()), clock));
            }
            ServerHops hopsBefore = serverHops();
            long cpuBefore = serverCpuNanos();
            String aborted = runAll(runners);
            long cpuAfter = serverCpuNanos();
            ServerHops hops = hopsBefore == null ? null : serverHops().since(hopsBefore);
            List<WorkloadReport> reports = runners.stream().map(WorkloadRunner::report).toList();
            return new StressReport(reports, serverCpu(cpuBefore, cpuAfter, reports), hops, aborted);
        } finally {
            CompletableFuture.allOf(sessions.stream().map(s -> s.closeAsync().toCompletableFuture()).toArray(CompletableFuture[]::new)).join();
        }
    }

    /** Creates the schema if absent and populates it, as the default role; returns the scan statement. */
    private String prepareTable() throws InterruptedException {
        try (CqlSession admin = open("setup", settings.defaultCredentials(), true)) {
            String scanCql;
            try {
                scanCql = SchemaSetup.ensure(admin, settings.profile());
            } catch (RuntimeException e) {
                throw new StressFailure("cannot create " + settings.profile().keyspace() + "." + settings.profile().table() + ": " + e.getMessage(), e);
            }
            if (settings.populate() > 0) populate(admin, scanCql);
            return scanCql;
        }
    }

    private void populate(CqlSession admin, String scanCql) throws InterruptedException {
        WorkloadSpec spec = WorkloadSpec.populate(settings.populate(), settings.populateConcurrency(), settings.defaultCredentials());
        WorkloadRunner runner = new WorkloadRunner(spec, prepare(spec, admin, scanCql, settings.populate()), clock);
        out.printf(Locale.ROOT, "Populating %s.%s with %d rows%n", settings.profile().keyspace(), settings.profile().table(), settings.populate());
        String aborted = runAll(List.of(runner));
        if (aborted != null) throw new StressFailure("populate failed: " + aborted, null);
        WorkloadReport r = runner.report();
        out.printf(Locale.ROOT, "Populated %d rows in %.1f s (%.0f rows/s), %d errors%n%n", r.ops(), r.seconds(), r.opsPerSecond(), r.errors());
    }

    /** Runs every workload for the warmup time on its own session, and reports only how it went. */
    private void warmUp(List<CqlSession> sessions, String scanCql) throws InterruptedException {
        List<WorkloadRunner> runners = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            WorkloadSpec spec = settings.workloads().get(i).warmup(settings.warmup());
            runners.add(new WorkloadRunner(spec, prepare(spec, sessions.get(i), scanCql, settings.keys()), clock));
        }
        out.printf(Locale.ROOT, "Warming up for %d s (not measured)%n", settings.warmup().toSeconds());
        String aborted = runAll(runners);
        if (aborted != null) throw new StressFailure("warmup failed: " + aborted, null);
        long ops = runners.stream().mapToLong(r -> r.stats().ops()).sum();
        out.printf(Locale.ROOT, "Warmed up with %d requests%n%n", ops);
    }

    /**
     * Runs the workloads side by side, one thread each, printing progress every second, and returns why the run was
     * stopped early, or null.
     */
    private String runAll(List<WorkloadRunner> runners) throws InterruptedException {
        AtomicReference<String> abort = new AtomicReference<>();
        ProgressPrinter progress = new ProgressPrinter(out, runners, clock);
        progress.printHeader();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("stress-progress").unstarted(r));
        ticker.scheduleAtFixedRate(() -> {
            progress.tick();
            stopIfFailingFromStart(runners, abort);
        }, 1, 1, TimeUnit.SECONDS);
        List<Thread> threads = new ArrayList<>();
        for (WorkloadRunner runner : runners) {
            threads.add(Thread.ofPlatform().name("stress-" + runner.spec().name()).start(() -> {
                try {
                    runner.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    stopAll(runners, abort, "workload " + runner.spec().name() + " failed: " + e);
                }
            }));
        }
        try {
            for (Thread thread : threads) thread.join();
        } finally {
            runners.forEach(WorkloadRunner::stop);
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        }
        stopIfFailingFromStart(runners, abort); // a short workload may fail entirely between two ticks
        return abort.get();
    }

    private static void stopIfFailingFromStart(List<WorkloadRunner> runners, AtomicReference<String> abort) {
        for (WorkloadRunner runner : runners) {
            WorkloadStats stats = runner.stats();
            if (!stats.failingFromStart(FAILING_FROM_START)) continue;
            Throwable first = stats.firstError();
            stopAll(runners, abort, String.format(Locale.ROOT, "workload %s: all of its first %d requests failed (%s: %s)",
                    runner.spec().name(), stats.errors(), first.getClass().getSimpleName(), first.getMessage()));
            return;
        }
    }

    private static void stopAll(List<WorkloadRunner> runners, AtomicReference<String> abort, String reason) {
        abort.compareAndSet(null, reason);
        runners.forEach(WorkloadRunner::stop);
    }

    private RequestSource prepare(WorkloadSpec spec, CqlSession session, String scanCql, long keys) {
        try {
            return WorkloadRequests.prepare(spec, session, settings.profile(), scanCql, keys);
        } catch (RuntimeException e) {
            throw new StressFailure("workload " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private CqlSession open(String name, Credentials credentials, boolean schemaMetadata) {
        SessionFactory factory = settings.sessions();
        try {
            return factory.open(name, credentials, schemaMetadata);
        } catch (RuntimeException e) {
            String as = credentials.present() ? " as " + credentials.user() : "";
            throw new StressFailure(name + ": cannot connect to " + factory.host() + ":" + factory.port() + as + ": " + e.getMessage(), e);
        }
    }

    private ServerCpu serverCpu(long cpuBefore, long cpuAfter, List<WorkloadReport> reports) {
        if (settings.serverPid() == null) return null;
        if (cpuBefore < 0 || cpuAfter < 0) {
            out.printf(Locale.ROOT, "Server process %d ended during the run: no server CPU figure%n", settings.serverPid());
            return null;
        }
        return ServerCpu.of(settings.serverPid(), cpuBefore, cpuAfter, reports.stream().mapToLong(WorkloadReport::ops).sum());
    }

    /** The server's shard hop counters now; null without --prometheus-port. */
    private ServerHops serverHops() {
        return settings.serverMetrics() == null ? null : settings.serverMetrics().hops();
    }

    private long serverCpuNanos() {
        return settings.serverPid() == null ? 0 : ProcFiles.cpuNanos(settings.serverPid());
    }
}
