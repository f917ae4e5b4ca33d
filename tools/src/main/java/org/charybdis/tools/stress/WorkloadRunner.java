package org.charybdis.tools.stress;

/** Runs one workload with its load model, on the calling thread, and reports what it did. */
final class WorkloadRunner {
    private final WorkloadSpec spec;
    private final RequestSource source;
    private final NanoClock clock;
    private final WorkloadStats stats = new WorkloadStats();
    private final RequestBudget budget;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile boolean finished;

    WorkloadRunner(WorkloadSpec spec, RequestSource source, NanoClock clock) {
        if (spec.load() instanceof LoadModel.Open && !source.shareable()) {
            throw new IllegalArgumentException("workload " + spec.name() + ": " + spec.operation().label() + " cannot run open loop");
        }
        this.spec = spec;
        this.source = source;
        this.clock = clock;
        this.budget = new RequestBudget(spec.duration(), spec.maxOps());
    }

    /** Sends until the workload's duration or count is reached (or {@link #stop()}), and every request has completed. */
    void run() throws InterruptedException {
        startNanos = clock.nanoTime();
        budget.begin(startNanos);
        try {
            switch (spec.load()) {
                case LoadModel.Closed closed -> new ClosedLoop(closed.concurrency(), clock).run(source, budget, stats);
                case LoadModel.Open open -> new OpenLoop(open, clock).run(source, budget, stats);
            }
        } finally {
            endNanos = clock.nanoTime();
            finished = true;
        }
    }

    /** Sends no more requests; {@link #run()} returns once those in flight complete. */
    void stop() {
        budget.stop();
    }

    WorkloadSpec spec() {
        return spec;
    }

    WorkloadStats stats() {
        return stats;
    }

    boolean finished() {
        return finished;
    }

    private double elapsedSeconds() {
        return ((finished ? endNanos : clock.nanoTime()) - startNanos) / 1e9;
    }

    WorkloadReport report() {
        return switch (spec.load()) {
            case LoadModel.Closed closed -> report("closed", closed.concurrency(), null, "send");
            case LoadModel.Open open -> report("open", open.maxInFlight(), open.ratePerSecond(), "intended_start");
        };
    }

    private WorkloadReport report(String load, int concurrency, Double rate, String latencyFrom) {
        double seconds = elapsedSeconds();
        long ops = stats.ops();
        long rows = stats.rows();
        return new WorkloadReport(spec.name(), spec.operation().label(), load, concurrency, rate, latencyFrom, spec.credentials().user(),
                seconds, ops, perSecond(ops, seconds), rows, perSecond(rows, seconds), stats.errors(), stats.errorsByClass(),
                LatencyMillis.of(stats.latencies()));
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }
}
