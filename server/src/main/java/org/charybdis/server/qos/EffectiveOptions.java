package org.charybdis.server.qos;

import java.time.Duration;

/**
 * A role's options combined from every level that applies to it (its own and those of the roles granted to it),
 * each value with the level it comes from, as {@code LIST EFFECTIVE SERVICE LEVEL} shows them.
 */
public record EffectiveOptions(Sourced<Integer> shares, Sourced<Duration> timeout, Sourced<WorkloadType> workloadType) {

    /** A value and the service level it comes from. */
    public record Sourced<T>(T value, String serviceLevel) {}

    /** The options of a single level. */
    static EffectiveOptions of(ServiceLevel level) {
        ServiceLevelOptions o = level.options();
        return new EffectiveOptions(new Sourced<>(o.shares(), level.name()), new Sourced<>(o.timeout(), level.name()),
                new Sourced<>(o.workloadType(), level.name()));
    }

    /**
     * Combined with another level's, by ScyllaDB's rules: the smallest timeout, the lowest shares, the workload
     * type per {@link WorkloadType#combine}. A value changes source only when the other one wins outright, so
     * on a tie the first level keeps it.
     */
    EffectiveOptions mergeWith(EffectiveOptions other) {
        Sourced<Integer> mergedShares = other.shares.value() < shares.value() ? other.shares : shares;
        // an unset timeout takes the other's, source included, even when that is unset too (as ScyllaDB does)
        boolean otherTimeoutWins = timeout.value() == null
                || (other.timeout.value() != null && other.timeout.value().compareTo(timeout.value()) < 0);
        Sourced<Duration> mergedTimeout = otherTimeoutWins ? other.timeout : timeout;
        WorkloadType combined = workloadType.value().combine(other.workloadType.value());
        Sourced<WorkloadType> mergedWorkload = combined == workloadType.value() ? workloadType
                : new Sourced<>(combined, other.workloadType.serviceLevel());
        return new EffectiveOptions(mergedShares, mergedTimeout, mergedWorkload);
    }
}
