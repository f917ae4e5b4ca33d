package org.charybdis.tools.stress;

/**
 * CPU time the server process used while the workloads ran (user + system, from /proc/&lt;pid&gt;/stat, in steps of
 * 10 ms) and what that makes per operation, over all workloads.
 */
record ServerCpu(long pid, double cpuSeconds, long ops, double microsPerOp) {
    static ServerCpu of(long pid, long cpuNanosBefore, long cpuNanosAfter, long ops) {
        long used = cpuNanosAfter - cpuNanosBefore;
        return new ServerCpu(pid, used / 1e9, ops, ops == 0 ? 0 : used / 1000.0 / ops);
    }
}
