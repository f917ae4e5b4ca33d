package org.charybdis.server.qos;

import java.util.Locale;

/**
 * What a service level declares about its workload, as ScyllaDB defines it: {@code interactive} (latency
 * sensitive, unbounded concurrency: shed load rather than delay it) or {@code batch} (throughput, fixed
 * concurrency: back pressure works). The coordinator's overload control reads it; the scheduler does not.
 */
public enum WorkloadType {
    UNSPECIFIED, INTERACTIVE, BATCH;

    /** The name LIST statements show: unspecified, interactive, batch. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** What {@code system.service_levels_v2.workload_type} holds: null when unspecified. */
    public String stored() { return this == UNSPECIFIED ? null : label(); }

    /** {@code interactive}, {@code batch}, or {@code unspecified}/{@code null} (no declared type); null for anything else. */
    public static WorkloadType parse(String text) {
        if (text == null) return UNSPECIFIED;
        return switch (text) {
            case "interactive" -> INTERACTIVE;
            case "batch" -> BATCH;
            case "unspecified", "null" -> UNSPECIFIED;
            default -> null;
        };
    }

    /**
     * Two levels' types combined, as ScyllaDB combines them for a role: a declared type beats an undeclared one,
     * and batch beats interactive (batch is the safer guess: it does not make the coordinator shed load).
     */
    WorkloadType combine(WorkloadType other) {
        if (this == UNSPECIFIED) return other;
        if (other == UNSPECIFIED || other == this) return this;
        return BATCH;
    }
}
