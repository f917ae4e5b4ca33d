package org.charybdis.tools.stress;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.charybdis.tools.cql.Credentials;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code --workload} of a run, parsed from {@code key=value} pairs separated by commas, e.g.
 * {@code name=oltp,op=read,rate=3000/s,user=oltp,password=p}. {@link #KEYS_HELP} documents the keys.
 *
 * @param duration how long it sends; null when it runs until {@code maxOps} or {@code passes} are done
 * @param maxOps stop after this many requests (0: no limit)
 * @param passes scan: stop after this many passes over the token ring (0: no limit)
 * @param consistency null for the driver's default (LOCAL_ONE)
 */
record WorkloadSpec(String name, Operation operation, LoadModel load, Duration duration, long maxOps, KeyDistribution distribution,
                    int readWeight, int writeWeight, int splits, long passes, int pageSize, DefaultConsistencyLevel consistency,
                    Credentials credentials) {
    static final int DEFAULT_CONCURRENCY = 16;
    static final int DEFAULT_MAX_IN_FLIGHT = 1024;
    static final int DEFAULT_SPLITS = 64;
    static final int DEFAULT_PAGE_SIZE = 5000;

    static final String KEYS_HELP = """
            Keys of --workload (key=value pairs separated by commas):
              name=<text>         its name in progress lines and reports (default: op)
              op=<op>             write | read | mixed | scan (required)
              concurrency=<n>     closed loop: requests in flight (default %d);
                                  with rate=: the most in flight (default %d)
              rate=<n>[/s]        open loop: n requests a second on a fixed schedule;
                                  latency runs from each request's intended start
              duration=<d>        how long it runs, e.g. 30s, 2m (default: --duration)
              ops=<n>             stop after n requests
              dist=<d>            key choice: seq | uniform | zipf (hot keys, exponent
                                  0.99 as YCSB) (default: seq to write, else uniform)
              read=<w>,write=<w>  mixed: weights of reads and writes (default 1, 1)
              splits=<n>          scan: token ranges of the ring (default %d)
              passes=<n>          scan: stop after n full scans
              page-size=<n>       rows per page of reads and scans (default %d)
              cl=<level>          consistency level, e.g. QUORUM (default LOCAL_ONE)
              user=<role>         role its own session logs in as (default: --user)
              password=<text>     password of that role (default: --password)
            With ops= or passes= and no duration=, a workload runs until done.
            """.formatted(DEFAULT_CONCURRENCY, DEFAULT_MAX_IN_FLIGHT, DEFAULT_SPLITS, DEFAULT_PAGE_SIZE);

    private static final List<String> KEYS = List.of("name", "op", "concurrency", "rate", "duration", "ops", "dist", "read", "write",
            "splits", "passes", "page-size", "cl", "user", "password");

    /** The writes of {@code --populate}: key indexes 0 to {@code rows - 1} once each, in order. */
    static WorkloadSpec populate(long rows, int concurrency, Credentials credentials) {
        return new WorkloadSpec("populate", Operation.WRITE, new LoadModel.Closed(concurrency), null, rows, KeyDistribution.SEQ, 1, 1,
                DEFAULT_SPLITS, 0, DEFAULT_PAGE_SIZE, null, credentials);
    }

    /** The same workload sending for {@code warmup} only, with no request count: the unmeasured run before the measured one. */
    WorkloadSpec warmup(Duration warmup) {
        return new WorkloadSpec(name, operation, load, warmup, 0, distribution, readWeight, writeWeight, splits, 0, pageSize, consistency,
                credentials);
    }

    /** What a workload takes from the command's options when its spec says nothing. */
    record Defaults(Duration duration, Credentials credentials) {}

    static WorkloadSpec parse(String text, Defaults defaults) {
        Map<String, String> pairs = pairs(text);
        String opText = pairs.get("op");
        if (opText == null) throw new IllegalArgumentException("op= is required (write, read, mixed or scan)");
        Operation op = Operation.parse(opText);
        String name = pairs.getOrDefault("name", op.label());
        if (name.isBlank()) throw new IllegalArgumentException("name must not be empty");

        Integer concurrency = pairs.containsKey("concurrency") ? positiveInt(pairs, "concurrency") : null;
        LoadModel load;
        if (pairs.containsKey("rate")) {
            if (op == Operation.SCAN) throw new IllegalArgumentException("scan runs closed loop: give concurrency=<ranges scanned at once>, not rate");
            load = new LoadModel.Open(rate(pairs.get("rate")), concurrency == null ? DEFAULT_MAX_IN_FLIGHT : concurrency);
        } else {
            load = new LoadModel.Closed(concurrency == null ? DEFAULT_CONCURRENCY : concurrency);
        }

        long maxOps = pairs.containsKey("ops") ? positiveLong(pairs, "ops") : 0;
        long passes = pairs.containsKey("passes") ? positiveLong(pairs, "passes") : 0;
        if (passes > 0 && op != Operation.SCAN) throw new IllegalArgumentException("passes= is for scans only");
        Duration duration;
        if (pairs.containsKey("duration")) duration = DurationText.parse(pairs.get("duration"));
        else duration = maxOps > 0 || passes > 0 ? null : defaults.duration();

        KeyDistribution dist = pairs.containsKey("dist") ? KeyDistribution.parse(pairs.get("dist"))
                : op == Operation.WRITE ? KeyDistribution.SEQ : KeyDistribution.UNIFORM;
        boolean weighted = pairs.containsKey("read") || pairs.containsKey("write");
        if (weighted && op != Operation.MIXED) throw new IllegalArgumentException("read= and write= weights are for op=mixed only");
        int readWeight = pairs.containsKey("read") ? nonNegativeInt(pairs, "read") : 1;
        int writeWeight = pairs.containsKey("write") ? nonNegativeInt(pairs, "write") : 1;
        if (readWeight + writeWeight == 0) throw new IllegalArgumentException("read= and write= weights must not both be 0");

        int splits = pairs.containsKey("splits") ? positiveInt(pairs, "splits") : DEFAULT_SPLITS;
        int pageSize = pairs.containsKey("page-size") ? positiveInt(pairs, "page-size") : DEFAULT_PAGE_SIZE;
        DefaultConsistencyLevel cl = pairs.containsKey("cl") ? consistency(pairs.get("cl")) : null;

        Credentials credentials = defaults.credentials();
        if (pairs.containsKey("user")) credentials = new Credentials(pairs.get("user"), pairs.getOrDefault("password", ""));
        else if (pairs.containsKey("password")) throw new IllegalArgumentException("password= needs user=");
        return new WorkloadSpec(name, op, load, duration, maxOps, dist, readWeight, writeWeight, splits, passes, pageSize, cl, credentials);
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected key=value, got '" + part.strip() + "'");
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
            if (pairs.put(key, part.substring(eq + 1).strip()) != null) throw new IllegalArgumentException(key + "= is given twice");
        }
        return pairs;
    }

    private static double rate(String text) {
        String number = text.toLowerCase(Locale.ROOT).endsWith("/s") ? text.substring(0, text.length() - 2) : text;
        try {
            double rate = Double.parseDouble(number);
            if (rate > 0 && Double.isFinite(rate)) return rate;
        } catch (NumberFormatException e) {
            // the message below names the value
        }
        throw new IllegalArgumentException("rate must be a positive number of requests a second, e.g. rate=3000/s: '" + text + "'");
    }

    private static DefaultConsistencyLevel consistency(String text) {
        try {
            return DefaultConsistencyLevel.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cl must be a consistency level (ONE, QUORUM, LOCAL_ONE, ALL, ...): '" + text + "'");
        }
    }

    private static int positiveInt(Map<String, String> pairs, String key) {
        long value = positiveLong(pairs, key);
        if (value > Integer.MAX_VALUE) throw new IllegalArgumentException(key + " is too large: " + value);
        return (int) value;
    }

    private static int nonNegativeInt(Map<String, String> pairs, String key) {
        String text = pairs.get(key);
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) return value;
        } catch (NumberFormatException e) {
            // the message below names the value
        }
        throw new IllegalArgumentException(key + " must be a whole number >= 0: '" + text + "'");
    }

    private static long positiveLong(Map<String, String> pairs, String key) {
        String text = pairs.get(key);
        try {
            long value = Long.parseLong(text);
            if (value > 0) return value;
        } catch (NumberFormatException e) {
            // the message below names the value
        }
        throw new IllegalArgumentException(key + " must be a whole number > 0: '" + text + "'");
    }
}
