package org.charybdis.tools.stress;

import java.time.Duration;
import java.util.List;
import org.charybdis.tools.cql.Credentials;
import org.charybdis.tools.cql.SessionFactory;

/**
 * Everything a run needs, checked.
 *
 * @param defaultCredentials the role that creates the schema and populates (and workloads without user=)
 * @param keys the key index space of reads and writes, {@code [0, keys)}
 * @param populate rows written (key indexes 0 to populate - 1) before the workloads start; 0 for none
 * @param warmup how long the workloads run unmeasured before the measured run (JIT, caches); zero for none
 * @param serverPid the server process whose CPU time is reported per op; null for none
 * @param serverMetrics the server's Prometheus endpoint, whose shard hop counters are reported; null for none
 */
record StressSettings(SessionFactory sessions, Credentials defaultCredentials, StressProfile profile, long keys, long populate,
                      int populateConcurrency, List<WorkloadSpec> workloads, Duration warmup, Long serverPid,
                      PrometheusEndpoint serverMetrics) {
    StressSettings {
        workloads = List.copyOf(workloads);
    }
}
