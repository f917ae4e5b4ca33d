package org.charybdis.tools.stress;

import java.util.List;

/**
 * The final report of a run.
 *
 * @param serverCpu null without {@code --server-pid}
 * @param serverHops null without {@code --prometheus-port}
 * @param abortedBecause null unless the run was stopped early because a workload's requests all failed from the start
 */
record StressReport(List<WorkloadReport> workloads, ServerCpu serverCpu, ServerHops serverHops, String abortedBecause) {}
