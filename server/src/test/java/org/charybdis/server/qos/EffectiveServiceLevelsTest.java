package org.charybdis.server.qos;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** ScyllaDB's rules for combining the levels that reach a role. */
class EffectiveServiceLevelsTest {
    private static ServiceLevel level(String name, int shares, Long timeoutMillis, WorkloadType type) {
        return new ServiceLevel(name, new ServiceLevelOptions(shares, timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis), type));
    }

    @Test
    void smallestTimeoutLowestSharesAndBatchOverInteractive() {
        var levels = Map.of(
                "sl1", level("sl1", 800, 2000L, WorkloadType.INTERACTIVE),
                "sl2", level("sl2", 300, 10_000L, WorkloadType.BATCH));
        // role2 is granted role1: the documented example, 2s from sl1 and batch from sl2
        var effective = EffectiveServiceLevels.compute(levels, Map.of("role1", "sl1", "role2", "sl2"),
                Map.of("role1", Set.of(), "role2", Set.of("role1")));
        EffectiveOptions role2 = effective.get("role2");
        assertThat(role2.timeout()).isEqualTo(new EffectiveOptions.Sourced<>(Duration.ofSeconds(2), "sl1"));
        assertThat(role2.workloadType()).isEqualTo(new EffectiveOptions.Sourced<>(WorkloadType.BATCH, "sl2"));
        assertThat(role2.shares()).isEqualTo(new EffectiveOptions.Sourced<>(300, "sl2"));
        assertThat(effective.get("role1").shares().serviceLevel()).isEqualTo("sl1");
    }

    @Test
    void unsetValuesGiveWayAndTiesKeepTheRolesOwnLevel() {
        var levels = Map.of(
                "own", level("own", 500, null, WorkloadType.UNSPECIFIED),
                "inherited", level("inherited", 500, 100L, WorkloadType.INTERACTIVE));
        var effective = EffectiveServiceLevels.compute(levels, Map.of("r", "own", "parent", "inherited"),
                Map.of("r", Set.of("parent")));
        EffectiveOptions r = effective.get("r");
        assertThat(r.timeout()).isEqualTo(new EffectiveOptions.Sourced<>(Duration.ofMillis(100), "inherited"));
        assertThat(r.workloadType()).isEqualTo(new EffectiveOptions.Sourced<>(WorkloadType.INTERACTIVE, "inherited"));
        assertThat(r.shares()).isEqualTo(new EffectiveOptions.Sourced<>(500, "own"));
    }

    @Test
    void rolesNoLevelReachesHaveNoneAndMissingLevelsAreIgnored() {
        var effective = EffectiveServiceLevels.compute(Map.of(), Map.of("r", "dropped"), Map.of("r", Set.of(), "s", Set.of("r")));
        assertThat(effective).isEmpty();
    }
}
