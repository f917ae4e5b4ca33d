package org.charybdis.server.qos;

import org.charybdis.scheduler.SchedulingGroup;

import java.time.Duration;

/**
 * How a client's requests are served, from the effective service level of its role: the scheduling group to run
 * them in (its shares are the level's; its IO class shares the disk the same way), the timeout to give them when
 * the request names none (null: the node's configured timeouts) and the declared workload type.
 *
 * @param serviceLevel the level whose shares (and so group) apply: {@code default} for roles without one
 */
public record EffectiveServiceLevel(String serviceLevel, SchedulingGroup group, Duration timeout,
                                    WorkloadType workloadType) {}
