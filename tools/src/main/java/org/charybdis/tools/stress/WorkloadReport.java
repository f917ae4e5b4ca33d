package org.charybdis.tools.stress;

import java.util.Map;

/**
 * The final figures of one workload. For scans an op is one page.
 *
 * @param load {@code closed} or {@code open}
 * @param concurrency closed loop: requests in flight; open loop: the most in flight
 * @param rate open loop: requests a second; null for a closed loop
 * @param latencyFrom {@code send} (closed loop) or {@code intended_start} (open loop)
 * @param role the role its session logged in as; null without login
 */
record WorkloadReport(String name, String operation, String load, int concurrency, Double rate, String latencyFrom, String role,
                      double seconds, long ops, double opsPerSecond, long rows, double rowsPerSecond, long errors,
                      Map<String, Long> errorsByClass, LatencyMillis latencyMs) {}
